"""The FHIR mapping of a bundle: FKO content ↔ a FHIR R4 message Bundle.

One module per resource holds both directions of its mapping, the part of the writer next to
the part of the reader, so that a change to how a resource maps is made in both at once:
``citizen``, ``order``, ``status``, ``journal`` and ``follow_up``. ``common`` holds the element
helpers and the two base classes they share, ``map`` the vocabulary (code systems, national
codes, extension URLs), and ``bundle`` composes the parts into the whole message.

The API of the package, for ``exchange.exporter`` and ``exchange.reader``:

- ``to_fhir(content, manifest)`` → the message Bundle as a plain dict
- ``from_fhir(message, kind)`` → ``BundleContent``, or a ``BundleError`` naming the broken rule
- ``header_event(message)`` → the (system, code) of the MessageHeader's event
"""

from fko_desktop.exchange.fhir.bundle import from_fhir, header_event, to_fhir

__all__ = ["from_fhir", "header_event", "to_fhir"]
