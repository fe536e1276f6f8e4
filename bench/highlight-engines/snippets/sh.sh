#!/usr/bin/env bash
set -euo pipefail
# Deploy every service.
for svc in api worker web; do
  if [[ -f "deploy/$svc.yaml" ]]; then
    kubectl apply -f "deploy/$svc.yaml" && echo "applied $svc"
  fi
done
export VERSION=$(git rev-parse --short HEAD)
docker build -t "app:${VERSION}" . | tee build.log
