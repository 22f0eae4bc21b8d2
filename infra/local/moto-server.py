"""moto server for the local cloud, with KMS keys that survive a restart.

moto keeps everything in memory. S3 objects are saved by the Node side (s3-snapshot.ts), but KMS
key material can only be read from inside moto: without it, tender keys wrapped before a restart
could never be unwrapped and receipts signed before it would verify against a different key.
Every KMS key (id, material, private key, aliases) is saved to the state file as soon as a key or
alias is created, changed or deleted, and again on SIGTERM/SIGINT, so a `kill -9` loses no key; on
start they are put back under the same ids.

It also exits (saving first) when stdin reaches end-of-file: the local cloud starts it in a
process group of its own, holding the only write end of that pipe, so however the orchestrator
dies, even by `kill -9`, this does not outlive it (see watchdog.py for why a pipe).

usage: python3 moto-server.py PORT [STATE_FILE]
"""

import base64
import json
import os
import signal
import sys
import threading

from cryptography.hazmat.primitives import serialization
from moto.kms.models import KmsBackend, kms_backends
from moto.moto_server.threaded_moto_server import ThreadedMotoServer


save_lock = threading.Lock()


def save(path):
    with save_lock:
        write_state(path)


def write_state(path):
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
    # Written beside, flushed to disk, then renamed over: a crash leaves the old file or the new one.
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w") as f:
        json.dump({"keys": keys}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    directory = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


# The backend calls that change what save() writes. Wrapped at the class, so every account and
# region's backend saves after them.
KEY_CHANGES = ["create_key", "create_alias", "update_alias", "delete_alias", "delete_key", "update_key_description"]


def save_on_change(path):
    for name in KEY_CHANGES:
        original = getattr(KmsBackend, name, None)
        if original is None:
            continue

        def wrapped(self, *args, _original=original, **kwargs):
            result = _original(self, *args, **kwargs)
            save(path)
            return result

        setattr(KmsBackend, name, wrapped)


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
    if state_file:
        save_on_change(state_file)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def watch_stdin():
        while os.read(0, 4096):
            pass
        stop.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    stop.wait()
    if state_file:
        save(state_file)
    server.stop()


if __name__ == "__main__":
    main()
