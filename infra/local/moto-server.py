"""moto server for the local cloud, with KMS keys that survive a restart.

moto keeps everything in memory. S3 objects are saved by the Node side (s3-snapshot.ts), but KMS
key material can only be read from inside moto: without it, tender keys wrapped before a restart
could never be unwrapped and receipts signed before it would verify against a different key.
On SIGTERM/SIGINT this saves every KMS key (id, material, private key, aliases) to the state
file; on start it puts them back under the same ids.

usage: python3 moto-server.py PORT [STATE_FILE]
"""

import base64
import json
import os
import signal
import sys
import threading

from cryptography.hazmat.primitives import serialization
from moto.kms.models import kms_backends
from moto.moto_server.threaded_moto_server import ThreadedMotoServer


def save(path):
    keys = []
    for account_id, regions in kms_backends.items():
        for region, backend in regions.items():
            for key in backend.keys.values():
                private_pem = None
                inner = getattr(key.private_key, "private_key", None)
                if inner is not None:
                    private_pem = inner.private_bytes(
                        serialization.Encoding.PEM,
                        serialization.PrivateFormat.PKCS8,
                        serialization.NoEncryption(),
                    ).decode()
                keys.append({
                    "account": account_id,
                    "region": region,
                    "id": key.id,
                    "usage": key.key_usage,
                    "spec": key.key_spec,
                    "description": key.description,
                    "material": base64.b64encode(key.key_material).decode(),
                    "privateKey": private_pem,
                    "aliases": list(key.aliases.keys()),
                })
    tmp = f"{path}.tmp"
    with open(tmp, "w") as f:
        json.dump({"keys": keys}, f)
    os.replace(tmp, path)


def restore(path):
    if not path or not os.path.exists(path):
        return 0
    with open(path) as f:
        state = json.load(f)
    for saved in state["keys"]:
        backend = kms_backends[saved["account"]][saved["region"]]
        key = backend.create_key(None, saved["usage"], saved["spec"], saved["description"], None)
        del backend.keys[key.id]
        key.id = saved["id"]
        key.arn = f"arn:aws:kms:{saved['region']}:{saved['account']}:key/{key.id}"
        key.key_material = base64.b64decode(saved["material"])
        if saved["privateKey"] and getattr(key.private_key, "private_key", None) is not None:
            key.private_key.private_key = serialization.load_pem_private_key(saved["privateKey"].encode(), None)
        backend.keys[key.id] = key
        for alias in saved["aliases"]:
            backend.create_alias(key.id, alias)
    return len(state["keys"])


def main():
    port = int(sys.argv[1])
    state_file = sys.argv[2] if len(sys.argv) > 2 else None
    # Keys go back before the port opens, so no client can see the cloud without them.
    restore(state_file)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    stop.wait()
    if state_file:
        save(state_file)
    server.stop()


if __name__ == "__main__":
    main()
