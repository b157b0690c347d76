#!/usr/bin/env bash
# Starts Google's Cloud Firestore emulator (Debian package google-cloud-cli-firestore-emulator)
# directly with Java 17 — firebase-tools needs Java 21, which Debian 12 lacks. Source this file,
# then call firestore_emulator_start; it exports FIRESTORE_EMULATOR_HOST once the emulator answers.

firestore_emulator_jar() {
  local jar
  jar=$(dpkg -L google-cloud-cli-firestore-emulator 2>/dev/null | grep -E 'cloud-firestore-emulator\.jar$' | head -n1)
  [ -n "$jar" ] || jar=/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar
  [ -f "$jar" ] || return 1
  echo "$jar"
}

firestore_emulator_start() {
  local jar port deadline
  jar=$(firestore_emulator_jar) || { echo "Firestore emulator jar not found" >&2; return 1; }
  port=${FIRESTORE_EMULATOR_PORT:-8787}
  mkdir -p test-artifacts
  java -cp "$jar" com.google.cloud.datastore.emulator.firestore.CloudFirestore \
    start --host=127.0.0.1 --port="$port" >test-artifacts/firestore-emulator.log 2>&1 &
  FIRESTORE_EMULATOR_PID=$!
  deadline=$((SECONDS + 60))
  until curl -sf "http://127.0.0.1:${port}/" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$FIRESTORE_EMULATOR_PID" 2>/dev/null; then
      echo "Firestore emulator did not become ready on port ${port}; log:" >&2
      cat test-artifacts/firestore-emulator.log >&2 || true
      return 1
    fi
    sleep 0.3
  done
  export FIRESTORE_EMULATOR_HOST="127.0.0.1:${port}"
  export FIRESTORE_EMULATOR_REQUIRED=1
  echo "Firestore emulator ready at ${FIRESTORE_EMULATOR_HOST} (pid ${FIRESTORE_EMULATOR_PID})"
}

firestore_emulator_stop() {
  if [ -n "${FIRESTORE_EMULATOR_PID:-}" ]; then
    kill "$FIRESTORE_EMULATOR_PID" 2>/dev/null || true
    wait "$FIRESTORE_EMULATOR_PID" 2>/dev/null || true
  fi
}
