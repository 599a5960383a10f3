"""The append-only audit log: who did what to which report, and when (never the values)."""
