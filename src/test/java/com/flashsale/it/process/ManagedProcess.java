package com.flashsale.it.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One operating-system process a test starts and controls: started from a command line with
 * its output in a log file, then hard-killed ({@code kill -9}), paused ({@code SIGSTOP}),
 * resumed ({@code SIGCONT}) or stopped politely ({@code SIGTERM}). Subclasses know the
 * command line and when the process is ready. Every started process is also killed when the
 * test JVM exits, so a failed test leaves no orphan holding a port.
 */
public abstract class ManagedProcess implements AutoCloseable {

    private final String name;
    private volatile Process process;
    private volatile boolean paused;

    protected ManagedProcess(String name) {
        this.name = name;
    }

    /** The command line of the next start. */
    protected abstract List<String> command();

    /** Blocks until the started process serves, or throws after {@code timeout}. */
    protected abstract void awaitReady(Duration timeout);

    /** Where the process' standard output and error go. */
    protected abstract Path logFile();

    /** Extra environment variables of the process; none by default. */
    protected java.util.Map<String, String> environment() {
        return java.util.Map.of();
    }

    /** Starts the process and waits until it is ready (or fails after {@code timeout}). */
    public synchronized void start(Duration timeout) {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + pid() + ")");
        }
        try {
            Files.createDirectories(logFile().getParent());
            ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            builder.environment().putAll(environment());
            process = builder.start();
            paused = false;
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-reaper"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + command(), e);
        }
        try {
            awaitReady(timeout);
        } catch (RuntimeException e) {
            kill();
            throw new IllegalStateException(name + " did not become ready in " + timeout + "; see " + logFile(), e);
        }
    }

    /** The pid of the running process. */
    public long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return p.pid();
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public String name() {
        return name;
    }

    /** {@code kill -9}: the process gets no chance to flush or clean up. Waits until it is gone. */
    public synchronized void kill() {
        Process p = process;
        if (p != null && p.isAlive()) {
            if (paused) {
                signal("CONT"); // a stopped process dies of SIGKILL too, but its socket close is cleaner
            }
            p.destroyForcibly();
            waitGone(p, Duration.ofSeconds(30));
        }
        paused = false;
    }

    /** {@code SIGSTOP}: the process keeps its sockets open but answers nothing. */
    public synchronized void pause() {
        signal("STOP");
        paused = true;
    }

    /** {@code SIGCONT} after {@link #pause()}. */
    public synchronized void resume() {
        signal("CONT");
        paused = false;
    }

    /** {@code SIGTERM}, then {@code SIGKILL} if the process is still there after {@code grace}. */
    public synchronized void stop(Duration grace) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        if (paused) {
            resume();
        }
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                waitGone(p, Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}, {@code KILL}, ...) to the process. */
    public void signal(String signal) {
        Processes.signal(pid(), signal);
    }

    private void waitGone(Process p, Duration timeout) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " (pid " + p.pid() + ") did not exit after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True if something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails at once when the port is taken: another run (or engineer) is using it. */
    protected static void requireFreePort(int port, String what) {
        if (listening(port)) {
            throw new IllegalStateException(what + ": 127.0.0.1:" + port + " is already in use");
        }
    }

    /** Polls until {@code check} holds, failing with {@code what} after {@code timeout}. */
    protected void awaitCondition(Duration timeout, String what, java.util.function.BooleanSupplier check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.getAsBoolean()) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited (code " + process.exitValue() + ") before " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": timed out waiting for " + what);
            }
            Processes.sleep(Duration.ofMillis(100));
        }
    }
}
