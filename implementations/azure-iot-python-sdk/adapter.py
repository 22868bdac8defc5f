#!/usr/bin/env python3
"""Adapter protocol v1 for the Azure IoT Python device SDK (azure-iot-device 2.x).

Run: python3 adapter.py (with azure-iot-device installed, e.g. in the venv `targets install` makes).
Reads one JSON request per line on stdin and writes exactly one reply per request on stdout; the SDK's
logs and everything else go to stderr (see docs/contract/adapter-protocol.md). Only the SDK's public API
is used: ProvisioningDeviceClient.create_from_symmetric_key, provisioning_payload, register(), and
registration_state.response_payload.
"""

import json
import logging
import os
import re
import shutil
import sys
import tempfile
import threading

# protocol lines only on the real stdout; anything the SDK or its libraries print goes to stderr
PROTOCOL_OUT = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", buffering=1)
sys.stdout = sys.stderr

logging.basicConfig(
    stream=sys.stderr,
    level=logging.DEBUG if os.environ.get("DPSC_ADAPTER_DEBUG") else logging.WARNING,
    format="[azure-iot-python-sdk] %(levelname)s %(name)s: %(message)s",
)

try:
    from azure.iot.device import ProvisioningDeviceClient, X509
    from azure.iot.device.constant import VERSION as SDK_VERSION
except ImportError as error:  # the harness records the start failure with this stderr line
    sys.stderr.write("[azure-iot-python-sdk] cannot import azure-iot-device: %s\n" % error)
    sys.exit(3)

TRANSPORTS = ("mqtt", "mqtt-ws")
# time kept back from the harness's timeoutMs so that the reply arrives in time
REPLY_MARGIN_S = 0.3
STATUS_IN_MESSAGE = re.compile(r"status code (?:of )?(\d{3})\b")


def log(line):
    sys.stderr.write("[azure-iot-python-sdk] %s\n" % line)


def write(reply):
    # ensure_ascii=False: the reply is UTF-8; Python ints of any size are written with every digit
    PROTOCOL_OUT.write(json.dumps(reply, ensure_ascii=False, separators=(",", ":")) + "\n")


def claims():
    return {
        "implementation": {
            "name": "azure-iot-device",
            "version": SDK_VERSION,
            "language": "python",
            "homepage": "https://github.com/Azure/azure-iot-sdk-python",
        },
        "dialects": ["ga"],
        "transports": list(TRANSPORTS),
        "attestations": ["symmetricKey", "x509"],
    }


def error_chain(error):
    """The messages of an exception and its causes: the SDK wraps a ServiceError in a ClientError."""
    parts = []
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        text = str(error) or type(error).__name__
        parts.append("%s: %s" % (type(error).__name__, text))
        error = error.__cause__ or error.__context__
    return parts


def error_reply(error):
    parts = error_chain(error)
    reported = {"message": "; caused by ".join(parts), "name": type(error).__name__}
    # the SDK gives a service error's HTTP-like status only inside the message text
    for part in parts:
        match = STATUS_IN_MESSAGE.search(part)
        if match and 300 <= int(match.group(1)) <= 599:
            reported["statusCode"] = int(match.group(1))
            break
    return {"error": reported}


def result_reply(result):
    state = result.registration_state
    reported = {"status": result.status}
    if state is not None:
        for key, value in (("assignedHub", state.assigned_hub), ("deviceId", state.device_id), ("substatus", state.sub_status)):
            if isinstance(value, str):
                reported[key] = value
        # response_payload is JSON text: json.dumps of what the service sent, "null" when it sent none
        text = state.response_payload
        if isinstance(text, str) and text != "null":
            reported["returnData"] = json.loads(text)
    return {"result": reported}


def register(request):
    transport = request.get("transport")
    attestation = request.get("attestation") or {}
    if request.get("dialect") != "ga":
        return {"skipped": {"reason": "dialect %s: the SDK sends and reads `payload` only (ga)" % request.get("dialect")}}
    if transport not in TRANSPORTS:
        return {"skipped": {"reason": "transport %s not supported by the SDK (MQTT and MQTT over WebSocket only)" % transport}}
    if attestation.get("type") not in ("symmetricKey", "x509"):
        return {"skipped": {"reason": "attestation %s not supported by this adapter" % attestation.get("type")}}
    endpoint = request["endpoint"]
    host = endpoint["host"]
    # the SDK dials 8883 (mqtt) or 443 (mqtt-ws) and has no port option: the emulator must serve there
    expected = 443 if transport == "mqtt-ws" else 8883
    served = endpoint.get("httpsPort") if transport == "mqtt-ws" else endpoint.get("mqttPort")
    if served != expected:
        return {"skipped": {"reason": "the SDK dials port %d and has no port option; the emulator serves %s at %s (start it with standard ports)" % (expected, transport, served)}}
    common = {
        "provisioning_host": host,
        "registration_id": request["registrationId"],
        "id_scope": request["idScope"],
        "websockets": transport == "mqtt-ws",
        "server_verification_cert": endpoint["caPem"],
    }
    if attestation["type"] == "x509":
        # the SDK's X509 takes file paths; the chain follows the leaf in the certificate file, so that
        # ssl's load_cert_chain presents leaf then intermediates in the handshake
        directory = tempfile.mkdtemp(prefix="dpsc-x509-")
        cert_file = os.path.join(directory, "device.pem")
        key_file = os.path.join(directory, "device.key")
        with open(cert_file, "w", encoding="ascii") as out:
            out.write(attestation["certPem"].rstrip("\n") + "\n" + (attestation.get("chainPem") or ""))
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(attestation["keyPem"])
        # the SDK reads the files when it connects, so they stay until register() has returned
        client = ProvisioningDeviceClient.create_from_x509_certificate(
            x509=X509(cert_file=cert_file, key_file=key_file), **common)
    else:
        directory = None
        client = ProvisioningDeviceClient.create_from_symmetric_key(symmetric_key=attestation["key"], **common)
    if "data" in request:
        client.provisioning_payload = request["data"]
    timeout_s = max(0.001, request.get("timeoutMs", 20000) / 1000.0 - REPLY_MARGIN_S)
    outcome = {}

    def run():
        try:
            outcome["result"] = client.register()
        except BaseException as error:  # every failure is the SDK's answer to the application
            outcome["error"] = error
        finally:
            if directory is not None:
                shutil.rmtree(directory, ignore_errors=True)

    log("register %s over %s via %s" % (request["registrationId"], transport, host))
    worker = threading.Thread(target=run, name="register-%s" % request.get("seq"), daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        # the SDK has no overall deadline: say so, so that this reads as "still registering"
        threading.Thread(target=lambda: _shutdown(client), daemon=True).start()
        return {"error": {"message": "register() had not returned after %d ms (the adapter stopped waiting)" % int(timeout_s * 1000), "adapterDeadline": True}}
    if "error" in outcome:
        return error_reply(outcome["error"])
    result = outcome.get("result")
    if result is None:
        return {"error": {"message": "register() returned no result"}}
    return result_reply(result)


def _shutdown(client):
    try:
        client.shutdown()
    except BaseException as error:
        log("shutdown after the deadline failed: %s" % error)


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except ValueError as error:
            log("ignoring a request line that is not JSON: %s" % error)
            continue
        if not isinstance(request, dict):
            log("ignoring a request that is not a JSON object")
            continue
        seq = request.get("seq")
        cmd = request.get("cmd")
        if cmd == "start":
            write(dict(seq=seq, **claims()))
        elif cmd == "register":
            try:
                body = register(request)
            except Exception as error:
                body = {"error": {"message": "adapter failure: %s: %s" % (type(error).__name__, error)}}
            write(dict(seq=seq, **body))
        elif cmd == "stop":
            write({"seq": seq, "stopped": True})
            PROTOCOL_OUT.flush()
            # daemon threads of a registration still in flight must not keep the process alive
            os._exit(0)
        else:
            log("ignoring unknown command %r" % cmd)
    PROTOCOL_OUT.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
