"""The versioned public JSON API (/api/v1/): read-only views of published snapshots.

Every figure comes from a publication's stored `content` (uof/publish/snapshot.py builds it), the
same data the public pages and the CSV/JSON downloads render, so the API cannot disagree with them.
"""
