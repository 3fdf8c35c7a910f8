"""Statistics across units (issue 14): a unit's goals as a file without names, CPR numbers or
free text (``export``), read back strictly (``read``) and compared across units and years
(``merge``). The format is described in docs/statistics.md; ``format`` holds its fixed parts
and ``keys`` the pseudonymous keys.
"""
