"""Ledelsesinformation (issue 14): outcome categories and documentation practice above the
single citizen, for one unit or, from statistics files, across units.

``model`` holds the plain values every layer shares (facts, filters, figures); the other
modules compute them. Nothing here imports Qt or reportlab.
"""
