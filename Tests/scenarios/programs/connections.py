"""Opens connections to 127.0.0.1:PORT one at a time and holds them, as a
client pool that grows would, until the server closes one at once (a
server that could not start its thread) or COUNT are open. Prints
`held N` (and `closed at N` for the one closed). usage: connections.py
PORT COUNT"""
import socket
import sys
import time

port, count = int(sys.argv[1]), int(sys.argv[2])
held = []
for n in range(1, count + 1):
    conn = socket.create_connection(("127.0.0.1", port), timeout=10)
    conn.settimeout(0.3)
    try:
        closed = conn.recv(1) == b""
    except socket.timeout:
        closed = False
    if closed:
        print(f"held {len(held)}\nclosed at {n}", flush=True)
        sys.exit(0)
    held.append(conn)
print(f"held {len(held)}", flush=True)
time.sleep(1)
