#!/bin/sh
# Installs, upgrades or removes the Linkwatch agent on a Linux host (x86_64 or aarch64). Served by the Linkwatch
# server at /install/agent.sh with the server's own URL filled in:
#   curl -fsSL SERVER/install/agent.sh | sudo sh -s -- --token TOKEN [--name NAME] [--label k=v]...
#        [--ca-file PEM | --server-fingerprint SHA256] [--proxy URL] [--uninstall]
# Running it again upgrades the binary in place and keeps the agent's identity (no new enrollment).
# Exit codes: 0 done, 1 failed, 3 bad arguments or an unsupported platform.
set -eu

LINKWATCH_SERVER='@LINKWATCH_SERVER@'
BIN=/usr/local/bin/linkwatch-agent
DATA=/var/lib/linkwatch-agent
UNIT_NAME=linkwatch-agent.service
UNIT=/etc/systemd/system/$UNIT_NAME
RUN_USER=linkwatch

die() {
  code=$1
  shift
  echo "linkwatch-agent install: $*" >&2
  exit "$code"
}
say() { echo "linkwatch-agent install: $*"; }

token= name= labels= ca_file= fingerprint= proxy= uninstall=
need_value() { [ $# -ge 2 ] && [ -n "$2" ] || die 3 "$1 needs a value"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --token) need_value "$@"; token=$2; shift 2 ;;
    --name) need_value "$@"; name=$2; shift 2 ;;
    --label) need_value "$@"
      case "$2" in *=*) ;; *) die 3 "--label needs k=v, not '$2'" ;; esac
      labels="$labels$2
"
      shift 2 ;;
    --ca-file) need_value "$@"; ca_file=$2; shift 2 ;;
    --server-fingerprint) need_value "$@"; fingerprint=$2; shift 2 ;;
    --proxy) need_value "$@"; proxy=$2; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    *) die 3 "unknown option '$1' (options: --token --name --label --ca-file --server-fingerprint --proxy --uninstall)" ;;
  esac
done
[ -z "$ca_file" ] || [ -z "$fingerprint" ] || die 3 "--ca-file and --server-fingerprint exclude each other"
[ -z "$ca_file" ] || [ -r "$ca_file" ] || die 3 "--ca-file $ca_file is not a readable file"
[ "$(id -u)" = 0 ] || die 1 "run it as root (curl ... | sudo sh -s -- ...)"

# systemd may be installed but not running (a container image being built): the unit is then written and enabled
# only, and starts with the next boot.
systemd_running() { [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }
systemctl_quiet() { command -v systemctl >/dev/null 2>&1 && systemctl "$@" >/dev/null 2>&1; }

if [ -n "$uninstall" ]; then
  if systemd_running; then
    systemctl_quiet disable --now "$UNIT_NAME" || true
  else
    systemctl_quiet disable "$UNIT_NAME" || true
  fi
  rm -f "$UNIT"
  if systemd_running; then systemctl_quiet daemon-reload || true; fi
  rm -f "$BIN"
  rm -rf "$DATA"
  if id -u "$RUN_USER" >/dev/null 2>&1; then
    userdel "$RUN_USER" >/dev/null 2>&1 || deluser "$RUN_USER" >/dev/null 2>&1 || die 1 "could not remove the user $RUN_USER"
  fi
  say "removed $BIN, $DATA, $UNIT and the user $RUN_USER"
  exit 0
fi

case "$(uname -m)" in
  x86_64 | amd64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) die 3 "no agent build for $(uname -m) (x86_64 and aarch64 only)" ;;
esac

command -v sha256sum >/dev/null 2>&1 || die 1 "sha256sum is missing (coreutils)"
if command -v curl >/dev/null 2>&1; then
  fetch() {
    set -- -fsS --retry 2 -o "$2" "$1"
    [ -z "$proxy" ] || set -- --proxy "$proxy" "$@"
    [ -z "$ca_file" ] || set -- --cacert "$ca_file" "$@"
    # A pinned server is self-signed: its certificate was compared with the fingerprint below, before any download.
    [ -z "$fingerprint" ] || set -- --insecure "$@"
    curl "$@"
  }
elif command -v wget >/dev/null 2>&1; then
  fetch() {
    [ -z "$proxy" ] || export https_proxy="$proxy" http_proxy="$proxy"
    set -- -q -O "$2" "$1"
    [ -z "$ca_file" ] || set -- --ca-certificate="$ca_file" "$@"
    [ -z "$fingerprint" ] || set -- --no-check-certificate "$@"
    wget "$@"
  }
else
  die 1 "curl or wget is needed to download the agent"
fi

if [ -n "$fingerprint" ]; then
  case "$LINKWATCH_SERVER" in https://*) ;; *) die 3 "--server-fingerprint needs an https server, not $LINKWATCH_SERVER" ;; esac
  command -v openssl >/dev/null 2>&1 || die 1 "openssl is needed to check --server-fingerprint"
  hostport=${LINKWATCH_SERVER#https://}
  hostport=${hostport%%/*}
  case "$hostport" in *:*) ;; *) hostport=$hostport:443 ;; esac
  want=$(printf '%s' "$fingerprint" | sed 's/^sha256://I' | tr -d ':' | tr 'a-f' 'A-F')
  got=$(openssl s_client -connect "$hostport" -servername "${hostport%:*}" </dev/null 2>/dev/null |
    openssl x509 -noout -fingerprint -sha256 2>/dev/null | sed 's/.*=//' | tr -d ':')
  [ -n "$got" ] && [ "$got" = "$want" ] || die 1 "the server's certificate does not match --server-fingerprint (got ${got:-none})"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
file=linkwatch-agent-$rid
say "downloading $LINKWATCH_SERVER/downloads/$file"
fetch "$LINKWATCH_SERVER/downloads/$file.sha256" "$tmp/$file.sha256" || die 1 "could not download $file.sha256"
fetch "$LINKWATCH_SERVER/downloads/$file" "$tmp/$file" || die 1 "could not download $file"
# Exactly one line naming exactly this file: sha256sum -c would otherwise check whatever paths the list names.
[ "$(wc -l <"$tmp/$file.sha256")" -eq 1 ] && grep -Eq "^[0-9a-f]{64}  $file\$" "$tmp/$file.sha256" ||
  die 1 "$file.sha256 is not one 'HASH  $file' line"
(cd "$tmp" && sha256sum -c "$file.sha256" >/dev/null 2>&1) || die 1 "$file does not match its checksum: not installed"

upgrade=
[ -e "$BIN" ] && upgrade=1
install -d -m 0755 "$(dirname "$BIN")"
install -m 0755 "$tmp/$file" "$BIN.new"
# A rename: an agent running from the old file keeps running until it is restarted.
mv -f "$BIN.new" "$BIN"

if ! id -u "$RUN_USER" >/dev/null 2>&1; then
  nologin=$(command -v nologin 2>/dev/null || echo /usr/sbin/nologin)
  if command -v useradd >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir "$DATA" --shell "$nologin" "$RUN_USER"
  else
    addgroup -S "$RUN_USER" && adduser -S -D -H -h "$DATA" -s "$nologin" -G "$RUN_USER" "$RUN_USER"
  fi || die 1 "could not create the user $RUN_USER"
fi
install -d -m 0700 "$DATA"

if [ -f "$DATA/credentials.json" ]; then
  say "already enrolled: keeping the agent's identity ($DATA/credentials.json)"
  [ -z "$proxy$ca_file$fingerprint$name$labels" ] || say "--name, --label, --ca-file, --server-fingerprint and --proxy apply to a first install only"
else
  [ -n "$token" ] || die 3 "--token is needed to enroll a new agent"
  set -- enroll --server "$LINKWATCH_SERVER" --token "$token" --data-dir "$DATA"
  [ -z "$name" ] || set -- "$@" --name "$name"
  while IFS= read -r label; do
    [ -z "$label" ] || set -- "$@" --label "$label"
  done <<LABELS
$labels
LABELS
  if [ -n "$ca_file" ]; then
    # Kept in the data directory: the service may read nothing else.
    install -m 0600 "$ca_file" "$DATA/server-ca.pem"
    set -- "$@" --ca-file "$DATA/server-ca.pem"
  fi
  [ -z "$fingerprint" ] || set -- "$@" --server-fingerprint "$fingerprint"
  [ -z "$proxy" ] || set -- "$@" --proxy "$proxy"
  "$BIN" "$@" || die 1 "enrollment failed"
fi
chown -R "$RUN_USER:$RUN_USER" "$DATA"
chmod 0700 "$DATA"

install -d -m 0755 "$(dirname "$UNIT")"
cat >"$UNIT.new" <<UNIT
[Unit]
Description=Linkwatch agent
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=$RUN_USER
Group=$RUN_USER
ExecStart=$BIN run --data-dir $DATA
Restart=always
RestartSec=5
AmbientCapabilities=CAP_NET_RAW
CapabilityBoundingSet=CAP_NET_RAW
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
StateDirectory=linkwatch-agent
StateDirectoryMode=0700
ReadWritePaths=$DATA
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK
LockPersonality=yes

[Install]
WantedBy=multi-user.target
UNIT
mv -f "$UNIT.new" "$UNIT"
chmod 0644 "$UNIT"

if systemd_running; then
  systemctl daemon-reload
  systemctl enable "$UNIT_NAME" >/dev/null
  # Restart also starts it; after an upgrade it picks up the new binary.
  systemctl restart "$UNIT_NAME"
  say "${upgrade:+upgraded; }linkwatch-agent is running (systemctl status $UNIT_NAME)"
elif command -v systemctl >/dev/null 2>&1; then
  systemctl enable "$UNIT_NAME" >/dev/null 2>&1 || die 1 "systemctl enable $UNIT_NAME failed"
  say "${upgrade:+upgraded; }$UNIT_NAME is enabled and starts with systemd"
else
  say "${upgrade:+upgraded; }no systemd here: start it with '$BIN run --data-dir $DATA' as $RUN_USER"
fi
