"""The transactional outbox: tasks recorded in the transaction that asked for them.

Only the table lives here; claimtrack.queueing writes it, sends its rows and sweeps what a broker
outage left unsent. The app sits below every other layer, so any layer may record work.
"""
