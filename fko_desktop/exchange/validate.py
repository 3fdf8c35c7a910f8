"""Structural validation of the FHIR content against the FHIR R4 resource definitions.

``fhir.resources`` (R4B package: FHIR 4.3, whose resources used here are unchanged from 4.0.1)
checks every element name, data type, cardinality and primitive format. Value sets are
checked by ``fhir.from_fhir`` against FKO's catalogs, which is stricter than the FHIR bindings.

``fhir.from_fhir`` reads the JSON as it came, not the validated model, so a value the validator
accepted only by converting it ("7" or true as an integer, 2025 as a time stamp) is refused
here: otherwise it would reach ``fhir.from_fhir`` with a type nothing there expects.
"""

from __future__ import annotations

from typing import Any

from fko_desktop.errors import BundleError


def validate_fhir(message: Any) -> None:
    """Refuse content that is not a valid FHIR R4 Bundle, with one Danish line naming where."""
    # Imported here: pydantic models for all of FHIR cost ≈0.3 s, paid only by bundle work.
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    if not isinstance(message, dict) or message.get("resourceType") != "Bundle":
        raise BundleError("Bundtets FHIR-indhold er ikke en FHIR-Bundle.")
    try:
        validated = Bundle.model_validate(message)
        checked = validated.model_dump(mode="json", exclude_none=True, by_alias=True)
    except ValidationError as error:
        errors = error.errors()
        where = ".".join(str(part) for part in errors[0]["loc"])[:120] if errors else ""
        raise BundleError(
            f"Bundtets FHIR-indhold er ugyldigt ({error.error_count()} fejl, første ved »{where}«)."
        ) from None
    except (TypeError, ValueError, LookupError, AttributeError):
        # fhir.resources itself fails this way on some hostile input (an unknown resourceType
        # ends in a KeyError): still a refusal of the bundle, not an unexpected error, and
        # the library's own English words mean nothing to the user.
        raise BundleError(
            "Bundtets FHIR-indhold er ugyldigt (en ressource har en ukendt type eller opbygning)."
        ) from None
    converted = _first_converted(message, checked)
    if converted is not None:
        where = ".".join(str(part) for part in converted)[:120]
        raise BundleError(f"Bundtets FHIR-indhold er ugyldigt (forkert værditype ved »{where}«).")


def _kind(value: Any) -> str:
    return "bool" if isinstance(value, bool) else type(value).__name__


def _first_converted(raw: Any, checked: Any) -> tuple[str | int, ...] | None:
    """The path of the first value whose JSON type the validator changed, or None; no recursion."""
    stack: list[tuple[tuple[str | int, ...], Any, Any]] = [((), raw, checked)]
    while stack:
        path, given, valid = stack.pop()
        if isinstance(given, dict) and isinstance(valid, dict):
            stack.extend((path + (key,), value, valid[key]) for key, value in given.items() if key in valid)
        elif isinstance(given, list) and isinstance(valid, list) and len(given) == len(valid):
            stack.extend(
                (path + (index,), pair[0], pair[1])
                for index, pair in enumerate(zip(given, valid, strict=True))
            )
        elif _kind(given) != _kind(valid) and not (_kind(given) == "int" and _kind(valid) == "float"):
            return path
    return None
