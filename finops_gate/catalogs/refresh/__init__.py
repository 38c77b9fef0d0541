"""``finops-gate pricing refresh``: build a new dated catalog from a provider's public price API.

The only network code besides ``publish/``. Run wherever there is internet (a maintainer, a
scheduled CI job, a team's CI once); the gate itself prices offline from the files this writes.
Each client streams what it reads, keeps only the rows the mappers price, and hands a table of
(key, region) -> price to ``output.finish``, which checks it against the previous version and
writes a NEW dated file (never editing an old one) or refuses and keeps the old catalog.
"""
