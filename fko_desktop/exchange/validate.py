"""Structural validation of the FHIR content against the FHIR R4 resource definitions.

``fhir.resources`` (R4B package: FHIR 4.3, whose resources used here are unchanged from 4.0.1)
checks every element name, data type, cardinality and primitive format. Value sets are
checked by ``fhir_in`` against FKO's catalogs, which is stricter than the FHIR bindings.
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
        Bundle.model_validate(message)
    except ValidationError as error:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()))[:120]
        raise BundleError(
            f"Bundtets FHIR-indhold er ugyldigt ({error.error_count()} fejl, første ved »{where}«)."
        ) from None
    except (TypeError, ValueError) as error:
        raise BundleError(f"Bundtets FHIR-indhold er ugyldigt ({str(error)[:120]}).") from None
