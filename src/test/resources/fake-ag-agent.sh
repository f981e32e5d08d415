#!/bin/sh
# Stands in for the ag-agent mode in the supervisor's tests; $1 is a directory of control files.
# Once ready for SIGTERM it writes its pid to <dir>/<ag>.pid and the HTTP address its supervisor gave it
# (host:port) to <dir>/<ag>.http, and names its AG on stdout and on stderr. It serves nothing itself. It exits 0
# on SIGTERM (saying so), exits 3 at once while <dir>/<ag>.crash exists, and ignores SIGTERM while
# <dir>/<ag>.stubborn exists.
control="$1"
group="$MSSQL_K8S_AVAILABILITY_GROUP"
if [ -e "$control/$group.stubborn" ]; then
  trap 'echo "ignoring TERM"' TERM
else
  trap 'echo "got TERM"; kill "$!" 2>/dev/null; exit 0' TERM
fi
echo "$QUARKUS_HTTP_HOST:$QUARKUS_HTTP_PORT" > "$control/$group.http"
echo "$$" > "$control/$group.pid"
echo "serving $group"
echo "diagnostics for $group" >&2
if [ -e "$control/$group.crash" ]; then
  echo "crashing"
  exit 3
fi
while :; do
  sleep 1 &
  wait "$!"
done
