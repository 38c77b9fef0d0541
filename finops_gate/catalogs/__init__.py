"""Pricing catalogs, the ground floor of the house: find the files in force on the price date,
verify their digests, layer a team's catalogs over the shipped ones, look prices up.

Sources, estimate and config look down here; nothing here imports anything above ``model`` and
``errors``. ``refresh/`` (building new dated files from the providers' price APIs) is the only
network code besides ``publish/``.
"""
