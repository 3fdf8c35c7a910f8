"""Reliability suites with figures: kill -9 at random moments, a full disk, a power cut (issue 9)."""
