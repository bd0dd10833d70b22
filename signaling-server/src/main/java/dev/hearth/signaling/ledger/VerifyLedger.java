package dev.hearth.signaling.ledger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Offline check of an exported consent ledger: {@code VerifyLedger FILE [PUBLIC_KEY]}, where PUBLIC_KEY is the
 * server's {@code ledger-signing.pub} file or its base64 text. Prints one line and exits 0 when the ledger is
 * intact, 1 otherwise (including a file that cannot be read). Needs nothing but this jar: no server, no network.
 */
public final class VerifyLedger {

    private VerifyLedger() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2) {
            err.println("usage: verify-ledger FILE [PUBLIC_KEY]   (PUBLIC_KEY: ledger-signing.pub or its base64 text)");
            return 1;
        }
        LedgerExport export;
        try {
            export = LedgerExport.parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        } catch (IOException | InvalidPathException e) {
            err.println("cannot read " + args[0] + ": " + e.getClass().getSimpleName());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("FAILED: " + args[0] + " is not a consent ledger export (" + e.getMessage() + ")");
            return 1;
        }
        Optional<byte[]> trusted = Optional.empty();
        if (args.length == 2) {
            try {
                trusted = Optional.of(publicKey(args[1]));
            } catch (IllegalArgumentException | IOException e) {
                err.println("cannot read the public key: give the ledger-signing.pub file or its base64 text");
                return 1;
            }
        }
        LedgerVerification result = LedgerVerifier.verify(export, trusted);
        String keyNote = trusted.isPresent() ? "signed by the given key"
                : "signed by the key inside the file (pass the server's public key to check whose it is)";
        if (result.ok()) {
            out.println("OK " + export.recordingId() + " " + result.describe() + "; " + keyNote);
            return 0;
        }
        err.println(export.recordingId() + " " + result.describe());
        return 1;
    }

    private static byte[] publicKey(String argument) throws IOException {
        String text = argument;
        try {
            Path path = Path.of(argument);
            if (Files.isRegularFile(path)) {
                text = Files.readString(path, StandardCharsets.US_ASCII);
            }
        } catch (InvalidPathException notAPath) {
            // base64 text may contain '/' and still be a valid path; anything else is taken as text
        }
        byte[] key = Base64.getDecoder().decode(text.strip());
        if (key.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        return key;
    }
}
