package dev.hearth.signaling.roomstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.identity.FirstName;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Agreement;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomEvent;
import dev.hearth.signaling.room.RoomId;
import dev.hearth.signaling.room.RoomRegistry;
import dev.hearth.signaling.room.RoomSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Rooms kept in the data directory: sealed, owner-only, one file each, and a damaged one never stops the start. */
@ExtendWith(OutputCaptureExtension.class)
class FileRoomStoreTest {

    // Distinctive, so finding them in a file cannot be a coincidence.
    private static final String MEMBER = "Ysolde";
    private static final String FACILITATOR = "Ngozi";
    private static final String TITLE = "Thursday grief circle";
    private static final String WORDS = "Nothing said by Ysolde leaves this room.";

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T15:00:00Z"), ZoneOffset.UTC);
    private final RoomSnapshotCodec codec = new RoomSnapshotCodec(key(7));

    private Room liveRoom() {
        Room room = new Room(RoomId.random(), "acct-owner", TITLE, new Agreement(1, WORDS), clock);
        ParticipantId host = room.enterAsFacilitator("acct-owner", FirstName.parse(FACILITATOR)).stream()
                .filter(RoomEvent.Admitted.class::isInstance).map(e -> ((RoomEvent.Admitted) e).you().id())
                .findFirst().orElseThrow();
        ParticipantId member = room.knock("seat-000000000000001", FirstName.parse(MEMBER), 1, Optional.empty(),
                        Optional.of("192.0.2.7"), Optional.of("inv-1")).stream()
                .filter(RoomEvent.KnockedIntoLobby.class::isInstance).map(e -> ((RoomEvent.KnockedIntoLobby) e).you())
                .findFirst().orElseThrow();
        room.admit(host, member);
        room.knock("seat-000000000000002", FirstName.parse("Bo"), 1, Optional.empty());
        room.lock(host);
        room.mute(host, member);
        room.requestRecording(host);
        return room;
    }

    @Test
    void aSavedRoomLoadsBackExactly(@TempDir Path data) {
        Room room = liveRoom();
        FileRoomStore store = new FileRoomStore(data, codec, clock);

        store.save(room.snapshot());

        assertEquals(List.of(room.snapshot()), new FileRoomStore(data, codec, clock).loadAll());
    }

    @Test
    void theCodecKeepsEveryValueIncludingEmptyOnes() {
        Room room = liveRoom();
        Room quiet = new Room(RoomId.random(), "acct-owner", "Quiet", Agreement.defaultAgreement(), clock);
        for (RoomSnapshot snapshot : List.of(room.snapshot(), quiet.snapshot())) {
            assertEquals(snapshot, codec.decode(codec.encode(snapshot)));
        }
    }

    @Test
    void theFileIsOwnerOnlyAndHoldsNoNameTitleOrWordsInClear(@TempDir Path data) throws Exception {
        Room room = liveRoom();
        new FileRoomStore(data, codec, clock).save(room.snapshot());

        Path file = data.resolve("rooms").resolve(room.id().value() + ".json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (String secret : List.of(MEMBER, FACILITATOR, TITLE, "grief", "Nothing said", "seat-000000000000001",
                "192.0.2.7", "acct-owner")) {
            assertFalse(text.contains(secret), () -> "in clear: " + secret);
        }
        assertTrue(text.contains(room.id().value()), "the room id names the file's content");
    }

    @Test
    void aDamagedFileIsSetAsideAndTheOtherRoomsStillLoad(@TempDir Path data, CapturedOutput output) throws Exception {
        FileRoomStore store = new FileRoomStore(data, codec, clock);
        Room good = liveRoom();
        Room damaged = liveRoom();
        store.save(good.snapshot());
        store.save(damaged.snapshot());
        Path file = data.resolve("rooms").resolve(damaged.id().value() + ".json");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);

        assertEquals(List.of(good.snapshot()), new FileRoomStore(data, codec, clock).loadAll());

        assertFalse(Files.exists(file));
        try (Stream<Path> aside = Files.list(data.resolve("rooms").resolve("unreadable"))) {
            assertEquals(1, aside.count());
        }
        assertTrue(output.getAll().contains("event=room_unreadable file=" + damaged.id().value() + ".json"));
        assertFalse(output.getAll().contains(MEMBER));
        // A restart after that finds only the good room, and nothing more to set aside.
        assertEquals(List.of(good.snapshot()), new FileRoomStore(data, codec, clock).loadAll());
    }

    @Test
    void stateCopiedOverAnotherRoomOrSealedUnderAnotherKeyDoesNotOpen(@TempDir Path data) throws Exception {
        FileRoomStore store = new FileRoomStore(data, codec, clock);
        Room one = liveRoom();
        Room two = liveRoom();
        store.save(one.snapshot());
        store.save(two.snapshot());
        Path rooms = data.resolve("rooms");
        Files.copy(rooms.resolve(one.id() + ".json"), rooms.resolve(two.id() + ".json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertEquals(List.of(one.snapshot()), store.loadAll());
        assertThrows(RoomSnapshotCodec.UnreadableRoomState.class,
                () -> new RoomSnapshotCodec(key(8)).decode(codec.encode(one.snapshot())));
        assertEquals(List.of(), new FileRoomStore(data, new RoomSnapshotCodec(key(8)), clock).loadAll());
    }

    @Test
    void aDeletedRoomLeavesNoFile(@TempDir Path data) {
        FileRoomStore store = new FileRoomStore(data, codec, clock);
        RoomRegistry registry = new RoomRegistry(clock, 50, store);
        Room room = registry.create("acct-owner", TITLE, Optional.empty());
        assertEquals(1, store.loadAll().size(), "a new room is saved at once");

        registry.delete(room.id());

        assertEquals(List.of(), store.loadAll());
        assertFalse(Files.exists(data.resolve("rooms").resolve(room.id() + ".json")));
    }

    @Test
    void aRegistryStartsWithTheRoomsItsStoreKept(@TempDir Path data) {
        FileRoomStore store = new FileRoomStore(data, codec, clock);
        RoomRegistry before = new RoomRegistry(clock, 50, store);
        Room room = before.create("acct-owner", TITLE, Optional.empty());
        room.addCoFacilitator("acct-owner", "acct-co");
        before.save(room);

        RoomRegistry after = new RoomRegistry(clock, 50, new FileRoomStore(data, codec, clock));

        assertEquals(room.snapshot(), after.find(room.id()).orElseThrow().snapshot());
        assertEquals(1, after.facilitatedBy("acct-co").size());
    }

    @Test
    void aSaveThatCannotBeWrittenIsLoggedNotThrown(@TempDir Path data, CapturedOutput output) throws Exception {
        Files.writeString(data.resolve("rooms"), "a file where the directory should be");
        Room room = liveRoom();

        new FileRoomStore(data, codec, clock).save(room.snapshot());

        assertTrue(output.getAll().contains("event=room_save_failed room=" + room.id()));
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }
}
