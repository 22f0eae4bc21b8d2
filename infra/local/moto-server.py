"""moto server for the local cloud, with KMS keys and S3 objects that survive a restart.

moto keeps everything in memory. S3 objects are saved by the Node side (s3-snapshot.ts), but KMS
key material can only be read from inside moto: without it, tender keys wrapped before a restart
could never be unwrapped and receipts signed before it would verify against a different key.
Every KMS key (id, material, private key, aliases) is saved to the state file as soon as a key or
alias is created, changed or deleted, and again on SIGTERM/SIGINT, so a `kill -9` loses no key; on
start they are put back under the same ids.

It also exits (saving first) when stdin reaches end-of-file: the local cloud starts it in a
process group of its own, holding the only write end of that pipe, so however the orchestrator
dies, even by `kill -9`, this does not outlive it (see watchdog.py for why a pipe).

S3 (with --s3-dir) is saved from inside moto too, so a restart keeps everything a client could
see: every version under its own version id (downloads are pinned to one), delete markers,
retention, bucket settings. It is saved every --s3-interval-ms when a write request has completed
since the last save, on POST /_eproc/s3/save (what the orchestrator calls before it stops us) and on
exit; and restored before the port opens.

  <dir>/state.pickle          buckets and object versions, bodies by reference: written beside
                              (state.pickle.tmp-<pid>), fsynced, then renamed over the last one
  <dir>/bodies/<etag>-<size>  object bodies, each written once (also beside, fsync, rename) and
                              shared by every later save, so a save writes only new bodies

Whenever this process dies, state.pickle is the previous save or the new one, whole, and every
body it names is on disk; bodies no save names are deleted after the swap, leftovers of a save cut
short on the next start.

Cognito (with --cognito-file) is saved whole (user pools, clients, groups, users, refresh tokens)
after every Cognito call that completes, and restored before the port opens: `npm start` keeps
its accounts across restarts, and a signed-in portal keeps refreshing.

One local-only extension: AdminCreateUser with a `sub` attribute gives the user that sub (AWS
refuses to set sub; there it is always a UUID). Only test/support's `cloud.token()` and
`npm run token` use it, so tests and curl can name the caller their assertions expect.

One call moto 5.2.1 lacks, added as Cognito does it: RevokeToken (the portal's sign-out). The
refresh token of that app client stops working (REFRESH_TOKEN_AUTH refused); an unknown token
succeeds, as in Cognito; another client's token is refused.

usage: python3 moto-server.py PORT [KMS_STATE_FILE] [--s3-dir DIR] [--s3-interval-ms N] [--cognito-file F]
"""

import argparse
import base64
import io
import json
import logging
import os
import pickle
import re
import signal
import sys
import threading

from cryptography.hazmat.primitives import serialization
from moto.cognitoidp import models as cognito_models
from moto.cognitoidp.models import CognitoIdpUser, CognitoIdpUserPool, cognitoidp_backends
from moto.kms.models import KmsBackend, kms_backends
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from moto.s3.models import FakeKey, s3_backends
from moto.s3.utils import _VersionedKeyStore
from werkzeug.serving import make_server


save_lock = threading.Lock()


def save(path):
    with save_lock:
        write_state(path)


def sync_directory(path):
    directory = os.open(path, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def write_durably(path, data):
    """Writes path whole or not at all: beside it, flushed to disk, renamed over it."""
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


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
    write_durably(path, json.dumps({"keys": keys}).encode())
    sync_directory(os.path.dirname(os.path.abspath(path)))


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


BODIES = None  # the bodies directory, once S3 persistence is on
TEMPORARY = re.compile(r"\.tmp-\d+$")


def restore_key(fields, body_name):
    """Unpickles a FakeKey whose body was saved apart."""
    with open(os.path.join(BODIES, body_name), "rb") as f:
        body = f.read()
    key = FakeKey.__new__(FakeKey)
    key.__setstate__({**fields, "value": body})
    return key


def restore_versions(lists):
    """Unpickles a bucket's key store with every version (pickle's own dict saving sees only the latest)."""
    store = _VersionedKeyStore()
    for name, versions in lists:
        store.setlist(name, versions)
    return store


def body_name(key):
    # The ETag is the MD5 of the body (or of its parts): with the size, a name for the content.
    return key.etag.strip('"') + f"-{key.size}"


class S3State:
    """Saves and restores every S3 bucket of every account (see the module docstring)."""

    def __init__(self, directory):
        global BODIES
        self.directory = directory
        self.bodies = BODIES = os.path.join(directory, "bodies")
        self.file = os.path.join(directory, "state.pickle")
        # Held by every write request and by a save, so a save never sees a write half done.
        self.lock = threading.Lock()
        self.writes = 0
        self.saved_writes = None
        self.restored = 0

    def pickle(self):
        used = set()
        bodies = self.bodies

        class Pickler(pickle.Pickler):
            def reducer_override(self, obj):
                if isinstance(obj, _VersionedKeyStore):
                    return (restore_versions, (list(obj.lists()),))
                if not isinstance(obj, FakeKey):
                    return NotImplemented
                name = body_name(obj)
                used.add(name)
                path = os.path.join(bodies, name)
                if not os.path.exists(path):
                    write_durably(path, obj.value)
                fields = obj.__getstate__()
                del fields["value"]
                return (restore_key, (fields, name))

        out = io.BytesIO()
        everything = {
            "buckets": {
                (account, partition): backend.buckets
                for account, partitions in s3_backends.items()
                for partition, backend in partitions.items()
            },
            "bucket_accounts": dict(s3_backends.bucket_accounts),
        }
        Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(everything)
        return out.getvalue(), used

    def save(self):
        """Saves if a write completed since the last save; returns the number of current objects."""
        with self.lock:
            if self.writes != self.saved_writes:
                data, used = self.pickle()
                sync_directory(self.bodies)
                write_durably(self.file, data)
                sync_directory(self.directory)
                self.saved_writes = self.writes
                for name in os.listdir(self.bodies):
                    if name not in used and not TEMPORARY.search(name):
                        os.unlink(os.path.join(self.bodies, name))
            return self.count()

    def count(self):
        return sum(
            len(bucket.keys)
            for partitions in s3_backends.values()
            for backend in partitions.values()
            for bucket in backend.buckets.values()
        )

    def restore(self):
        os.makedirs(self.bodies, exist_ok=True)
        for directory in (self.directory, self.bodies):
            for name in os.listdir(directory):
                if TEMPORARY.search(name):
                    os.unlink(os.path.join(directory, name))
        if os.path.exists(self.file):
            try:
                with open(self.file, "rb") as f:
                    everything = pickle.load(f)
            except Exception as error:
                # Never replaced by an empty state: the user decides what to do with it.
                print(f"the S3 state {self.file} is unreadable ({error}); move it away to start without it", file=sys.stderr)
                sys.exit(3)
            for (account, partition), buckets in everything["buckets"].items():
                s3_backends[account][partition].buckets.update(buckets)
            s3_backends.bucket_accounts.update(everything["bucket_accounts"])
            self.saved_writes = self.writes
        self.restored = self.count()
        return self.restored

    def middleware(self, app):
        def respond(start_response, payload):
            start_response("200 OK", [("content-type", "application/json")])
            return [json.dumps(payload).encode()]

        def handle(environ, start_response):
            path, method = environ.get("PATH_INFO", ""), environ["REQUEST_METHOD"]
            if path == "/_eproc/s3/save" and method == "POST":
                return respond(start_response, {"objects": self.save()})
            if path == "/_eproc/s3" and method == "GET":
                return respond(start_response, {"restored": self.restored, "objects": self.count()})
            # KMS calls are POSTs too, but change nothing kept here.
            kms = environ.get("HTTP_X_AMZ_TARGET", "").startswith("TrentService")
            if method not in ("PUT", "POST", "DELETE") or kms:
                return app(environ, start_response)
            with self.lock:
                # moto has built the whole response when it returns: the write is done.
                response = app(environ, start_response)
                self.writes += 1
                return response

        return handle

    def save_every(self, interval_seconds, stop):
        while not stop.wait(interval_seconds):
            try:
                self.save()
            except Exception as error:  # kept running: the last save stays on disk
                print(f"moto-server: could not save S3: {error}", file=sys.stderr)


def allow_chosen_sub():
    """AdminCreateUser's `sub` attribute becomes the user's id (see the module docstring)."""
    original = CognitoIdpUser.__init__

    def init(self, user_pool_id, username, password, status, attributes):
        chosen = next((a["Value"] for a in attributes or [] if a.get("Name") == "sub"), None)
        original(self, user_pool_id, username, password, status, attributes)
        if chosen:
            # The username stays moto's own UUID: users sharing a sub (one per role) stay apart.
            self.id = chosen
            self.update_attributes([{"Name": "sub", "Value": chosen}])

    CognitoIdpUser.__init__ = init


def allow_revoke_token():
    """RevokeToken, which moto lacks (see the module docstring)."""
    from moto.cognitoidp.exceptions import NotAuthorizedError
    from moto.cognitoidp.responses import CognitoIdpResponse
    from moto.core.responses import EmptyResult

    def revoke_token(self):
        token = self._get_param("Token")
        client_id = self._get_param("ClientId")
        # Unsigned, so no region: every backend's pools, as moto's other public calls look.
        pools = [
            pool
            for regions in cognitoidp_backends.values()
            for region, backend in regions.items()
            if region != "global"
            for pool in backend.user_pools.values()
        ]
        for pool in pools:
            entry = pool.refresh_tokens.get(token)
            if entry is None:
                continue
            if entry[0] != client_id:
                raise NotAuthorizedError("the token was not issued to this client")
            pool.refresh_tokens[token] = None
        return EmptyResult()

    CognitoIdpResponse.revoke_token = revoke_token


class CognitoState:
    """Pickles every account and region's user pools after each Cognito call (see the docstring)."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()

    def pickle(self):
        class Pickler(pickle.Pickler):
            def reducer_override(self, obj):
                # The pool's signing key is moto's fixed one, loaded again on restore.
                if isinstance(obj, CognitoIdpUserPool):
                    state = dict(obj.__dict__)
                    state.pop("json_web_key", None)
                    return (restore_pool, (state,))
                return NotImplemented

        out = io.BytesIO()
        pools = {
            (account, region): backend.user_pools
            for account, regions in cognitoidp_backends.items()
            for region, backend in regions.items()
            if backend.user_pools
        }
        Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(pools)
        return out.getvalue()

    def save(self):
        with self.lock:
            write_durably(self.path, self.pickle())

    def restore(self):
        if not os.path.exists(self.path):
            return
        try:
            with open(self.path, "rb") as f:
                pools = pickle.load(f)
        except Exception as error:
            print(f"the Cognito state {self.path} is unreadable ({error}); move it away to start without it", file=sys.stderr)
            sys.exit(3)
        for (account, region), saved in pools.items():
            cognitoidp_backends[account][region].user_pools.update(saved)

    def middleware(self, app):
        def handle(environ, start_response):
            cognito = environ.get("HTTP_X_AMZ_TARGET", "").startswith("AWSCognitoIdentityProviderService")
            response = app(environ, start_response)
            if cognito:
                self.save()
            return response

        return handle


def restore_pool(state):
    pool = CognitoIdpUserPool.__new__(CognitoIdpUserPool)
    pool.__dict__.update(state)
    jwks_file = cognito_models.load_resource(cognito_models.__name__, "resources/jwks-private.json")
    pool.json_web_key = cognito_models.jwk.RSAKey.import_key(jwks_file)
    return pool


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("kms_state_file", nargs="?")
    parser.add_argument("--s3-dir")
    parser.add_argument("--s3-interval-ms", type=int, default=2000)
    parser.add_argument("--cognito-file")
    args = parser.parse_args()
    allow_chosen_sub()
    allow_revoke_token()
    # No line per request: nobody reads them, and writing them costs CPU on every call.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    state_file = args.kms_state_file
    # Keys and objects go back before the port opens, so no client can see the cloud without them.
    restore(state_file)
    if state_file:
        save_on_change(state_file)
    app = DomainDispatcherApplication(create_backend_app)
    s3 = None
    if args.s3_dir:
        s3 = S3State(args.s3_dir)
        s3.restore()
        app = s3.middleware(app)
    cognito = None
    if args.cognito_file:
        cognito = CognitoState(args.cognito_file)
        cognito.restore()
        app = cognito.middleware(app)
    server = make_server("127.0.0.1", args.port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
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
    if s3:
        threading.Thread(target=s3.save_every, args=(args.s3_interval_ms / 1000, stop), daemon=True).start()
    stop.wait()
    if state_file:
        save(state_file)
    if s3:
        s3.save()
    if cognito:
        cognito.save()
    server.shutdown()


if __name__ == "__main__":
    main()
