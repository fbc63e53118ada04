"""The errors of a definition file of local variables: one class per kind of mistake.

Every error is a :class:`DefinitionError`, a
:class:`~socialtjanst_variabler.errors.ValidationError` (so a :class:`ValueError`), and
names the file, the line (``rad``, from 1, or None when the text has no such key) and the
key (``nyckel``, e.g. ``variabel[1].processteg``: array elements counted from 0), then
the rule broken. The message is Swedish, like the file.
"""

from __future__ import annotations

from socialtjanst_variabler.errors import InvalidJson, ValidationError

__all__ = [
    "DefinitionError",
    "DuplicateCode",
    "DuplicateConstant",
    "DuplicateEntry",
    "DuplicateExtension",
    "DuplicateLabel",
    "DuplicateName",
    "DuplicateNumber",
    "InvalidConstant",
    "InvalidDataformat",
    "InvalidEncoding",
    "InvalidExtensionId",
    "InvalidLabel",
    "InvalidLevel",
    "InvalidLocalCode",
    "InvalidLocalValues",
    "InvalidName",
    "InvalidNumber",
    "InvalidRange",
    "InvalidStep",
    "InvalidVersion",
    "MissingKey",
    "MissingParentCode",
    "MissingValueSet",
    "ParentNotUsed",
    "ShadowsNational",
    "StepNotAtLevel",
    "TomlSyntaxError",
    "UnexpectedParentCode",
    "UnexpectedValueSet",
    "UnknownKey",
    "UnknownNationalVariable",
    "UnknownParent",
    "UnknownParentCode",
    "UnknownSpec",
    "UnknownValueSet",
    "UnusedValueSet",
    "WrongType",
]


class DefinitionError(ValidationError):
    """A definition file that cannot be loaded: file, line, key and rule named.

    Attributes:
        kalla: the file name, or ``<text>`` for a definition given as a string.
        rad: the line (from 1) where the mistake is, or None.
        nyckel: the key path, e.g. ``vardemangd[0].koder[2].kod`` (``""``: the file).
        regel: what is wrong, in Swedish.
    """

    def __init__(self, *, kalla: str, rad: int | None, nyckel: str, regel: str) -> None:
        self.kalla = kalla
        self.rad = rad
        self.nyckel = nyckel
        self.regel = regel
        plats = kalla if rad is None else f"{kalla}, rad {rad}"
        super().__init__(f"{plats}: {nyckel}: {regel}" if nyckel else f"{plats}: {regel}")


class TomlSyntaxError(DefinitionError):
    """The text is not valid TOML (the line is tomllib's)."""


class InvalidEncoding(DefinitionError):
    """The file is not UTF-8."""


class MissingKey(DefinitionError):
    """A required key is absent."""


class UnknownKey(DefinitionError):
    """A key the format does not have (often a misspelling): refused, never ignored."""


class WrongType(DefinitionError):
    """A key holds the wrong TOML type (a string where an integer belongs ...)."""


class InvalidExtensionId(DefinitionError):
    """The extension id is not a namespace of the documented form."""


class UnknownSpec(DefinitionError):
    """``bygger_pa`` names a specification this library does not hold."""


class InvalidVersion(DefinitionError):
    """The extension's version is not ``N``, ``N.N`` or ``N.N.N``."""


class InvalidNumber(DefinitionError):
    """A local variable number not of the form ``L1`` … ``L9999`` (a national number
    such as ``12`` or ``B1a`` included)."""


class DuplicateNumber(DefinitionError):
    """Two local variables share a number."""


class InvalidStep(DefinitionError):
    """A process step that is not 1–7."""


class InvalidLevel(DefinitionError):
    """A level that is not ``arende``, ``insats``, ``uppfoljning`` or ``avslut``."""


class StepNotAtLevel(DefinitionError):
    """The process step is not one recorded at the variable's level."""


class InvalidDataformat(DefinitionError):
    """A data format a local variable cannot have."""


class MissingValueSet(DefinitionError):
    """A single or multiple choice variable without a value set."""


class UnexpectedValueSet(DefinitionError):
    """A value set (or bounds) on a variable whose format has none."""


class UnknownValueSet(DefinitionError):
    """A variable names a value set that is neither local nor national."""


class InvalidLocalCode(DefinitionError):
    """A code that is not a positive integer, or that reuses a national code."""


class DuplicateCode(DefinitionError):
    """Two codes of one value set are equal."""


class InvalidLabel(DefinitionError):
    """An empty label, or one with surrounding whitespace."""


class DuplicateLabel(DefinitionError):
    """Two codes of one value set have the same label."""


class InvalidConstant(DefinitionError):
    """A code's constant (its Python name) is not an upper-case identifier."""


class DuplicateConstant(DefinitionError):
    """Two codes of one value set get the same constant."""


class InvalidName(DefinitionError):
    """A value set name that is not a CamelCase ASCII identifier, or is reserved."""


class DuplicateName(DefinitionError):
    """Two local variables or two local value sets share a name."""


class ShadowsNational(DefinitionError):
    """A local name, code or label that would shadow or reuse a national one."""


class UnknownParent(DefinitionError):
    """``overordnad`` names no national value set."""


class MissingParentCode(DefinitionError):
    """A code of a roll-up value set without its national code."""


class UnknownParentCode(DefinitionError):
    """``overordnad_kod`` is not a code of the national value set."""


class UnexpectedParentCode(DefinitionError):
    """``overordnad_kod`` in a value set that rolls up to nothing."""


class ParentNotUsed(DefinitionError):
    """Codes roll up to a national value set whose variables are all declared unused."""


class UnknownNationalVariable(DefinitionError):
    """``anvands_inte`` names something that is not a national variable number."""


class DuplicateEntry(DefinitionError):
    """A national variable listed twice in ``anvands_inte``."""


class UnusedValueSet(DefinitionError):
    """A local value set that no local variable uses (often a misspelt name)."""


class InvalidRange(DefinitionError):
    """``minst`` is greater than ``hogst``."""


class DuplicateExtension(ValidationError):
    """Two loaded extensions share an id."""


class InvalidLocalValues(InvalidJson):
    """Local values of a record that break their extension's definition.

    ``problems`` lists each problem with its JSON path, like
    :class:`~socialtjanst_variabler.errors.InvalidJson`.
    """
