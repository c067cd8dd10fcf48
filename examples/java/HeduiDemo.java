// A Java 17 example of embedding hedui through JNA: one engine per process, shared by a
// thread pool. Copy the Hedui interface and the call pattern into your service.
//
//   java -cp /usr/share/java/jna.jar:. -Djna.library.path=DIR HeduiDemo case.json
//   java ... HeduiDemo --suite suite.txt      (two lines per case: overrides, household)

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public final class HeduiDemo {
    /** The C API (ffi/include/hedui.h). size_t is mapped to long: 64-bit platforms only. */
    public interface Hedui extends Library {
        Hedui LIB = Native.load("hedui", Hedui.class);
        int HEDUI_ABI_VERSION = 1;
        int HEDUI_STATUS_OK = 0;

        int hedui_abi_version();
        Pointer hedui_version();
        int hedui_engine_new_default(PointerByReference engineOut, PointerByReference errOut);
        int hedui_engine_with_overrides(Pointer engine, byte[] json, long len, PointerByReference engineOut, PointerByReference errOut);
        void hedui_engine_free(Pointer engine);
        int hedui_engine_evaluate_json(Pointer engine, byte[] json, long len, PointerByReference outcomeOut, PointerByReference errOut);
        Pointer hedui_string_ptr(Pointer s);
        long hedui_string_len(Pointer s);
        void hedui_string_free(Pointer s);
        int hedui_error_code(Pointer e);
        Pointer hedui_error_message(Pointer e);
        Pointer hedui_error_json(Pointer e);
        void hedui_error_free(Pointer e);
    }

    /** A hedui failure: the status code and the message a caseworker can read. */
    public static final class HeduiException extends Exception {
        public final int code;
        public final String json;

        HeduiException(int code, String message, String json) {
            super(message);
            this.code = code;
            this.json = json;
        }
    }

    private static String utf8(Pointer p) {
        return p == null ? null : p.getString(0, "UTF-8");
    }

    /** Turns an error object into an exception and frees it. */
    private static HeduiException error(int status, PointerByReference err) {
        Pointer e = err.getValue();
        if (e == null) {
            return new HeduiException(status, "status " + status, "{\"code\":" + status + "}");
        }
        try {
            return new HeduiException(Hedui.LIB.hedui_error_code(e), utf8(Hedui.LIB.hedui_error_message(e)), utf8(Hedui.LIB.hedui_error_json(e)));
        } finally {
            Hedui.LIB.hedui_error_free(e);
        }
    }

    /** Owns one native engine; safe to share between threads (the engine is immutable). */
    public static final class Engine implements AutoCloseable {
        private Pointer handle;

        private Engine(Pointer handle) {
            this.handle = handle;
        }

        public static Engine createDefault() throws HeduiException {
            if (Hedui.LIB.hedui_abi_version() != Hedui.HEDUI_ABI_VERSION) {
                throw new IllegalStateException("libhedui ABI " + Hedui.LIB.hedui_abi_version() + " != " + Hedui.HEDUI_ABI_VERSION);
            }
            PointerByReference out = new PointerByReference();
            PointerByReference err = new PointerByReference();
            int s = Hedui.LIB.hedui_engine_new_default(out, err);
            if (s != Hedui.HEDUI_STATUS_OK) throw error(s, err);
            return new Engine(out.getValue());
        }

        /** A derived engine with parameter values pinned (JSON array of {key, value}). */
        public Engine withOverrides(String json) throws HeduiException {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            PointerByReference out = new PointerByReference();
            PointerByReference err = new PointerByReference();
            int s = Hedui.LIB.hedui_engine_with_overrides(handle, b, b.length, out, err);
            if (s != Hedui.HEDUI_STATUS_OK) throw error(s, err);
            return new Engine(out.getValue());
        }

        /** Evaluates one household (hedui.case/1 JSON); returns the outcome JSON. */
        public String evaluate(String caseJson) throws HeduiException {
            byte[] b = caseJson.getBytes(StandardCharsets.UTF_8);
            PointerByReference out = new PointerByReference();
            PointerByReference err = new PointerByReference();
            int s = Hedui.LIB.hedui_engine_evaluate_json(handle, b, b.length, out, err);
            if (s != Hedui.HEDUI_STATUS_OK) throw error(s, err);
            Pointer str = out.getValue();
            try {
                byte[] bytes = Hedui.LIB.hedui_string_ptr(str).getByteArray(0, (int) Hedui.LIB.hedui_string_len(str));
                return new String(bytes, StandardCharsets.UTF_8);
            } finally {
                Hedui.LIB.hedui_string_free(str);
            }
        }

        @Override
        public synchronized void close() {
            if (handle != null) {
                Hedui.LIB.hedui_engine_free(handle);
                handle = null;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--suite")) {
            runSuite(Path.of(args[1]));
        } else if (args.length == 1) {
            try (Engine engine = Engine.createDefault()) {
                System.out.println(engine.evaluate(Files.readString(Path.of(args[0]))));
            } catch (HeduiException e) {
                System.err.println("hedui error " + e.code + ": " + e.getMessage());
                System.exit(1);
            }
        } else {
            System.err.println("usage: HeduiDemo CASE.json | --suite SUITE.txt");
            System.exit(2);
        }
    }

    /** Scores every case of an exported fixture suite on a thread pool; prints results in order. */
    private static void runSuite(Path suite) throws Exception {
        List<String> lines = Files.readAllLines(suite, StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Engine base = Engine.createDefault()) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                String overrides = lines.get(i);
                String household = lines.get(i + 1);
                results.add(pool.submit(() -> {
                    try (Engine engine = base.withOverrides(overrides)) {
                        return engine.evaluate(household);
                    } catch (HeduiException e) {
                        return e.json;
                    }
                }));
            }
            for (Future<String> f : results) {
                System.out.println(f.get());
            }
            System.err.println("scored " + results.size() + " households on 4 threads with libhedui "
                    + utf8(Hedui.LIB.hedui_version()));
        } finally {
            pool.shutdown();
        }
    }
}
