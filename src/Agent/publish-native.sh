#!/bin/sh
# Builds the shipped agent: one Native AOT executable per platform, SQLite linked in (src/Agent/Aot.targets).
#   src/Agent/publish-native.sh [-o DIR] [RID ...]      RIDs: linux-x64 (default), linux-arm64
# Writes DIR/linkwatch-agent-RID and DIR/linkwatch-agent-RID.sha256 (the `sha256sum -c` format the install script
# checks). DIR defaults to artifacts/agent in the repository; the server serves it as Agent:DownloadsDir.
# Needs clang and libsqlite3-dev; linux-arm64 also gcc-aarch64-linux-gnu and libsqlite3-dev:arm64 + zlib1g-dev:arm64.
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
out="$repo/artifacts/agent"
if [ "${1:-}" = "-o" ]; then
  [ $# -ge 2 ] || { echo "-o needs a directory" >&2; exit 3; }
  out=$2
  shift 2
fi
[ $# -gt 0 ] || set -- linux-x64
mkdir -p "$out"
out=$(cd "$out" && pwd)
for rid in "$@"; do
  case "$rid" in
    linux-x64|linux-arm64) ;;
    *) echo "unsupported runtime identifier '$rid': linux-x64 or linux-arm64" >&2; exit 3 ;;
  esac
  staging="$out/.publish-$rid"
  rm -rf "$staging"
  dotnet publish "$repo/src/Agent/Agent.csproj" -c Release -r "$rid" -p:PublishProfile=aot -o "$staging" -nologo
  mv -f "$staging/linkwatch-agent" "$out/linkwatch-agent-$rid.tmp"
  rm -rf "$staging"
  mv -f "$out/linkwatch-agent-$rid.tmp" "$out/linkwatch-agent-$rid"
  (cd "$out" && sha256sum "linkwatch-agent-$rid" > "linkwatch-agent-$rid.sha256.tmp" && mv -f "linkwatch-agent-$rid.sha256.tmp" "linkwatch-agent-$rid.sha256")
  echo "$out/linkwatch-agent-$rid"
done
