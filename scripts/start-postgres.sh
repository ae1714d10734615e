#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 (installed on the image, not running) and creates the
# database and role the cluster tests and the e2e script use. Prints the connection string.
set -euo pipefail
DB=${SIEM_PG_DB:-siem}
USER_NAME=${SIEM_PG_USER:-siem}
PASSWORD=${SIEM_PG_PASSWORD:-siem}
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL is not installed (pg_ctlcluster missing)" >&2
  exit 1
fi
if ! pg_lsclusters -h | awk '$1==15 && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster 15 main start
fi
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='${USER_NAME}'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE ${USER_NAME} LOGIN PASSWORD '${PASSWORD}' CREATEDB\""
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='${DB}'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE DATABASE ${DB} OWNER ${USER_NAME}\""
echo "Host=127.0.0.1;Port=5432;Database=${DB};Username=${USER_NAME};Password=${PASSWORD}"
