"""Frozen records without the dataclasses module: the model's and the checker's value types.

`reader check` and `reader export` are timed against `python -c "import yaml"`. Importing
dataclasses (it imports inspect, ast, dis and tokenize) and building each frozen dataclass
(six generated methods, each compiled from source) cost about as much as PyYAML itself. A
Record subclass lists its fields in `__slots__` and writes its own `__init__` (kept in the
bytecode cache like any code); this base gives it what a frozen dataclass has: equality and
hash by field values, a repr, and no assignment after construction.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's own flag without importing typing: these paths are timed
if TYPE_CHECKING:
    from typing import Any, TypeVar

    _R = TypeVar("_R", bound="Record")

#: how a record's __init__ sets its fields despite __setattr__ refusing
setfield = object.__setattr__


class FrozenError(AttributeError):
    """A field of a frozen record was assigned or deleted."""


class Record:
    """A frozen value with named fields: equal when of one class with equal compared fields."""

    __slots__ = ()
    #: the fields, in order (the class's own __slots__ but __dict__)
    _fields: tuple[str, ...] = ()
    #: the fields equality and hashing look at (all of them unless a class says otherwise)
    _compared: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        slots = cls.__dict__.get("__slots__", ())
        cls._fields = tuple(name for name in slots if name != "__dict__")
        if "_compared" not in cls.__dict__:
            cls._compared = cls._fields

    def _values(self) -> tuple[Any, ...]:
        """The compared fields' values, in order."""
        return tuple([getattr(self, name) for name in self._compared])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"{type(self).__name__}(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields) + ")"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete field {name!r} of a frozen {type(self).__name__}")

    def __reduce__(self) -> tuple[Any, ...]:
        # copy and pickle rebuild a record through its __init__, not by setting its slots
        return (type(self), tuple(getattr(self, name) for name in self._fields))


def replace(record: _R, **changes: Any) -> _R:
    """A copy of a record with some fields changed (as dataclasses.replace)."""
    unknown = set(changes) - set(record._fields)
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {sorted(unknown)[0]!r}")
    return type(record)(**{name: changes.get(name, getattr(record, name)) for name in record._fields})


def as_dict(record: Record) -> dict[str, Any]:
    """A record's fields by name, records inside it and tuples of them included (as dataclasses.asdict)."""
    return {name: _plain(getattr(record, name)) for name in record._fields}


def _plain(value: Any) -> Any:
    """A field value with records turned into dicts, recursively."""
    if isinstance(value, Record):
        return as_dict(value)
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value
