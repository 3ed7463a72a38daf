"""Claims in exchange formats, one module per format, written row by row so that an export of
millions stays in constant memory.

Each writer takes an iterable of claims (from `claims.api.selectors.claim_export_queryset`,
read with `.iterator()`) and yields text chunks for a streaming response (claims/api/exports.py).
"""
