#!/bin/sh
# Registers the Debezium connector with the JSON file exactly as a user would:
# PUT /connectors/<name>/config creates it or updates it (idempotent).
set -eu
CONNECT_URL="${CONNECT_URL:-http://connect:8083}"
NAME="${CONNECTOR_NAME:-denorm-shop}"
FILE="${CONNECTOR_FILE:-/connector/debezium-postgres.json}"
echo "waiting for Kafka Connect at $CONNECT_URL"
i=0
until curl -fsS "$CONNECT_URL/connectors" > /dev/null; do
  i=$((i + 1))
  [ "$i" -le 120 ] || { echo "Kafka Connect did not answer within 4 minutes" >&2; exit 1; }
  sleep 2
done
curl -fsS -X PUT -H 'Content-Type: application/json' --data @"$FILE" "$CONNECT_URL/connectors/$NAME/config"
echo
i=0
until curl -fsS "$CONNECT_URL/connectors/$NAME/status" | grep -q '"tasks":\[{"id":0,"state":"RUNNING"'; do
  i=$((i + 1))
  [ "$i" -le 60 ] || { echo "connector $NAME not RUNNING:" >&2; curl -sS "$CONNECT_URL/connectors/$NAME/status" >&2; exit 1; }
  sleep 2
done
echo "connector $NAME is RUNNING"
