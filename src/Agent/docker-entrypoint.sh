#!/bin/sh
# Enrolls on first start when LINKWATCH_SERVER and LINKWATCH_TOKEN are given, then runs the agent.
# Any arguments replace the default verb: `docker run IMAGE check tcp host:443 --json`.
set -eu
agent=/usr/local/bin/linkwatch-agent
if [ "$#" -gt 0 ]; then
  exec $agent "$@"
fi
if [ ! -f "$LINKWATCH_AGENT_DATA/credentials.json" ]; then
  : "${LINKWATCH_SERVER:?set LINKWATCH_SERVER to the server URL to enroll}"
  : "${LINKWATCH_TOKEN:?set LINKWATCH_TOKEN to the enrollment token}"
  $agent enroll --server "$LINKWATCH_SERVER" --token "$LINKWATCH_TOKEN" --name "${LINKWATCH_NAME:-$(hostname)}"
fi
exec $agent run
