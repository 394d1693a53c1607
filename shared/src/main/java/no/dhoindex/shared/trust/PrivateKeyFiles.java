package no.dhoindex.shared.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Private key files readable by their owner only: written with POSIX mode 600 from the first byte
 * (directories made for them 700), and an existing one found more open is closed on load. On a
 * file system without POSIX permissions the directory's own protection applies.
 */
public final class PrivateKeyFiles {

    private static final Logger LOG = Logger.getLogger(PrivateKeyFiles.class.getName());
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateKeyFiles() {
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Makes {@code directory} (and missing parents) with mode 700 where it does not exist yet. */
    public static void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** Writes {@code text} to {@code file} atomically, the file mode 600 before anything is in it. */
    public static void write(Path file, String text) throws IOException {
        createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (posix()) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        }
        Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a key file, first closing its mode to 600 if it was more open (a key written by an older version). */
    public static String read(Path file) throws IOException {
        if (posix() && !OWNER_FILE.equals(Files.getPosixFilePermissions(file))) {
            LOG.warning(() -> "event=key-file-permissions file=" + file + " was="
                    + PosixFilePermissions.toString(uncheckedPermissions(file)) + " now=rw-------");
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
        return Files.readString(file);
    }

    private static Set<PosixFilePermission> uncheckedPermissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            return Set.of();
        }
    }
}
