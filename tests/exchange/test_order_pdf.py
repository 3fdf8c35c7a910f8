"""An order bundle's PDF is the order report of the very order the bundle carries."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from fko_desktop.ops import orders

from .helpers import export, reread


def _read(pdf: bytes) -> tuple[str, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return str(reader.metadata["/Title"]), text


def test_an_order_bundle_carries_the_order_report(authority, provider_keys):
    data = export(authority.unit, authority.actor, "order", authority.citizen.id, provider_keys,
                  include_pdfs=True)  # fmt: skip
    bundle = reread(data, provider_keys)
    title, text = _read(bundle.pdfs["pdf/bestilling.pdf"])
    assert title == "Bestilling – Mads Testesen"
    assert text.startswith("Bestilling Modtaget 10.01.2025 fra myndigheden")
    assert "Status Modtaget" in text
    assert "Mads Testesen · CPR 010215-4321" in text
    assert "At Mads trives og går i skole." in text
    assert "Mads går i skole fire dage om ugen." in text and "Mads har en fast ven." in text
    # Not the plan report any more: no sub-goals, no plan front page.
    assert "Handleplan" not in text and "Delmål" not in text


def test_the_pdf_shows_the_order_the_bundle_carries(authority, provider_keys):
    # A second live order received earlier than the first: the report's own choice of the
    # "current" order (newest received) and the bundle's (the given or newest registered)
    # differ, and the PDF must follow the bundle.
    second = orders.create_order(
        authority.unit, authority.actor, authority.citizen.id,
        received_date=dt.date(2024, 11, 1), intervention_purpose="Et andet formål.",
        goals=[orders.GoalInput("Mads cykler selv til skole.", "skole_og_laering", dt.date(2024, 11, 1),
                                baseline=2, target=1)],
    ).value  # fmt: skip
    for order_id, purpose, other in (
        (None, "Et andet formål.", "At Mads trives og går i skole."),
        (authority.order_id, "At Mads trives og går i skole.", "Et andet formål."),
    ):
        data = export(authority.unit, authority.actor, "order", authority.citizen.id, provider_keys,
                      include_pdfs=True, order_id=order_id)  # fmt: skip
        bundle = reread(data, provider_keys)
        assert [o.intervention_purpose for o in bundle.content.orders] == [purpose]
        _, text = _read(bundle.pdfs["pdf/bestilling.pdf"])
        assert purpose in text and other not in text, order_id
    assert second.id != authority.order_id
