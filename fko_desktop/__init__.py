"""FKO Desktop: documenting results (Fælles Kommunal Opfølgning) at residential units."""

__version__ = "0.1.0"
