package dev.hearth.bench.hearth;

import dev.hearth.bench.LoadContext;
import dev.hearth.bench.SyntheticParticipant;
import dev.hearth.bench.Target;
import dev.hearth.bench.stats.RelaySample;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * A Hearth server reached over its HTTP API and signaling WebSocket. Each room gets its own facilitator account
 * (opened by the administrator), who enters it and admits the members knocking with the room's invite, exactly
 * as in the web client; then everyone publishes.
 */
public final class HearthTarget implements Target {

    private static final String[] NAMES = {"Ada", "Ben", "Cleo", "Dara", "Eli", "Fen", "Gil", "Hana", "Ivo", "Jun",
            "Kai", "Lia", "Max", "Noor", "Oli", "Pia"};

    private final String name;
    private final URI base;
    private final String adminPassword;
    private final String metricsToken;
    private final long pid;
    private final HttpClient http = HttpClient.newHttpClient();
    private final HearthApi api;
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFL, 36);
    private final List<HearthPeer> hosts = new ArrayList<>();
    private final List<HearthPeer> peers = new ArrayList<>();
    private HearthApi.Login admin;

    /** @param metricsToken the server's HEARTH_METRICS_TOKEN, or null to leave its relay counters unread */
    public HearthTarget(String name, URI base, String adminPassword, String metricsToken, long pid) {
        this.name = name;
        this.base = base;
        this.adminPassword = adminPassword;
        this.metricsToken = metricsToken;
        this.pid = pid;
        this.api = new HearthApi(http, base);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<RelaySample> relaySample() {
        if (metricsToken == null) {
            return Optional.empty();
        }
        return Optional.of(RelaySample.parse(api.metrics(metricsToken)));
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public synchronized List<SyntheticParticipant> openRoom(LoadContext context, int room, int participants)
            throws Exception {
        if (admin == null) {
            admin = api.login("admin", adminPassword);
        }
        String password = "Bench-" + run + "-Facilitator-" + room + "-Quartz";
        HearthApi.Room opened = api.openRoom(admin, "bench." + run + ".r" + room, password, "Bench room " + room);
        List<HearthPeer> inRoom = new ArrayList<>();
        HearthPeer host = new HearthPeer(context, http, base, opened.facilitator().cookie());
        hosts.add(host);
        inRoom.add(host);
        host.socket().request("enter", m -> m.put("roomId", opened.roomId()).put("firstName", NAMES[0]));
        for (int i = 1; i < participants; i++) {
            HearthPeer member = new HearthPeer(context, http, base, null);
            inRoom.add(member);
            String name = NAMES[i % NAMES.length];
            JsonNode lobby = member.socket().request("join", m -> m.put("invite", opened.invite())
                    .put("firstName", name).put("agreementVersion", opened.agreementVersion()));
            String participantId = lobby.path("participantId").asString();
            host.socket().request("admit", m -> m.put("participantId", participantId));
            member.admitted().get(HearthPeer.CONNECT_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        peers.addAll(inRoom);
        List<CompletableFuture<Void>> published = new ArrayList<>();
        for (HearthPeer peer : inRoom) {
            published.add(CompletableFuture.runAsync(() -> {
                try {
                    peer.publish();
                } catch (Exception e) {
                    throw new IllegalStateException("publish failed", e);
                }
            }, context.setup()));
        }
        CompletableFuture.allOf(published.toArray(CompletableFuture[]::new))
                .get(HearthPeer.CONNECT_WAIT.toSeconds(), TimeUnit.SECONDS);
        if (participants > 1) {
            CompletableFuture.allOf(inRoom.stream().map(HearthPeer::subscribed).toArray(CompletableFuture[]::new))
                    .get(HearthPeer.CONNECT_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        return inRoom.stream().map(HearthPeer::media).toList();
    }

    @Override
    public synchronized void closeRooms() {
        for (HearthPeer host : hosts) {
            try {
                host.socket().request("end", m -> { });
            } catch (RuntimeException e) {
                // the room is gone already
            }
        }
        for (HearthPeer peer : peers) {
            peer.close();
        }
        hosts.clear();
        peers.clear();
    }

    @Override
    public void close() {
        closeRooms();
    }
}
