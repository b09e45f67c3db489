/**
 * The Python helper behind the pty transport: opens a pseudo-terminal, prints the slave's path,
 * then relays bytes between the master and its stdin/stdout. It keeps its own slave fd open so
 * a host closing the port does not hang up the master. When it exits the pty vanishes under any
 * open port, which is what a USB unplug looks like to the host.
 *
 * On stdin EOF it leaves gently: it waits until the host has read everything already sent and
 * the line has been quiet for a moment, then exits. bindings-cpp only notices a hang-up while
 * its read waits in the poller; a hang-up landing during an in-flight read makes it loop on
 * 0-byte reads without ever reporting the disconnect. SIGTERM exits at once (that race included).
 */
export const PTY_RELAY_SCRIPT = String.raw`
import array, fcntl, os, pty, select, signal, sys, termios, time, tty

def bye(*_):
    os._exit(0)

signal.signal(signal.SIGTERM, bye)
signal.signal(signal.SIGINT, bye)
signal.signal(signal.SIGHUP, bye)

master, slave = pty.openpty()
# Raw from the start: a cooked slave would echo device output back as host input.
tty.setraw(slave)
os.set_blocking(master, False)
sys.stdout.write(os.ttyname(slave) + "\n")
sys.stdout.flush()

pending = bytearray()

def write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]

def flush_master():
    global pending
    while pending:
        try:
            n = os.write(master, pending)
        except BlockingIOError:
            return
        del pending[:n]

def unread_by_host():
    count = array.array('i', [0])
    fcntl.ioctl(slave, termios.FIONREAD, count, True)
    return count[0]

def leave_gently():
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        flush_master()
        if not pending and unread_by_host() == 0:
            break
        time.sleep(0.005)
    time.sleep(0.1)
    bye()

while True:
    r, w, _ = select.select([0, master], [master] if pending else [], [])
    if 0 in r:
        data = os.read(0, 65536)
        if not data:
            leave_gently()
        pending += data
        flush_master()
    if master in w:
        flush_master()
    if master in r:
        try:
            data = os.read(master, 65536)
        except (BlockingIOError, InterruptedError):
            data = None
        except OSError:
            data = None
        if data:
            write_all(1, data)
`;
