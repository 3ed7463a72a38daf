"""REST API for claims, links, analysis jobs and claim exports (mounted under /api/v1/)."""
