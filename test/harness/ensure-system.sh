#!/usr/bin/env bash
# Installs the Debian packages the tests and the sandbox need, when they are missing.
# chromium: the browser that drives code-server; ripgrep: code-server's search (and its
# install, which otherwise downloads rg from GitHub); ffmpeg: the fake providers' media and
# the tests' ffprobe; the -dev packages and pkg-config: code-server's native modules.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v pkg-config >/dev/null || need+=(pkg-config)
for pkg in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "[setup] installing Debian packages: ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
