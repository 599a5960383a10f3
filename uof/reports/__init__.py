"""Recording: incidents, subjects and officers' use-of-force reports."""
