package dev.hearth.bench.janus;

import dev.hearth.bench.LoadContext;
import dev.hearth.bench.SyntheticParticipant;
import dev.hearth.bench.Target;
import dev.hearth.bench.net.ClientTransport;
import dev.hearth.bench.net.SdpText;
import dev.hearth.relay.stun.IceRole;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Janus' VideoRoom driven the way janus.js drives it, over the HTTP API: per room one session, a {@code create}d
 * room, and per participant a publisher handle ({@code join} as publisher, {@code publish} with the JSEP offer,
 * connect to the answer) and one multistream subscriber handle ({@code join} as subscriber to every other
 * publisher's feed, answer Janus' offer, {@code start}). Janus is a full ICE agent and offers the subscription,
 * so the subscribe transport is the controlled agent there.
 */
public final class JanusTarget implements Target {

    private static final Duration CONNECT_WAIT = Duration.ofSeconds(30);

    private final URI base;
    private final long pid;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<JanusClient> sessions = new ArrayList<>();
    private final List<SyntheticParticipant> participants = new ArrayList<>();
    /** Room numbers of this run: a server kept from an earlier run may still hold that run's rooms. */
    private final long roomBase = 1000 * (1 + java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000));

    public JanusTarget(URI base, long pid) {
        this.base = base;
        this.pid = pid;
    }

    @Override
    public String name() {
        return "janus";
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public synchronized List<SyntheticParticipant> openRoom(LoadContext context, int room, int count)
            throws Exception {
        JanusClient janus = new JanusClient(http, base);
        sessions.add(janus);
        long roomId = roomBase + room;
        long control = janus.attachVideoRoom();
        ObjectNode create = JanusClient.body("create");
        create.put("room", roomId).put("publishers", count).put("audiocodec", "opus").put("videocodec", "vp8")
                .put("bitrate", 0).put("fir_freq", 0).put("notify_joining", false);
        janus.message(control, create, null);

        List<SyntheticParticipant> inRoom = new ArrayList<>();
        List<Long> feeds = new ArrayList<>();
        List<CompletableFuture<Void>> published = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SyntheticParticipant p = new SyntheticParticipant(context);
            inRoom.add(p);
            participants.add(p);
            long handle = janus.attachVideoRoom();
            ObjectNode join = JanusClient.body("join");
            join.put("ptype", "publisher").put("room", roomId).put("display", p.streamName());
            JsonNode joined = janus.message(handle, join, null);
            feeds.add(joined.at("/plugindata/data/id").asLong());
            published.add(CompletableFuture.runAsync(() -> publish(context, janus, handle, p),
                    context.setup()));
        }
        CompletableFuture.allOf(published.toArray(CompletableFuture[]::new))
                .get(CONNECT_WAIT.toSeconds(), TimeUnit.SECONDS);
        List<CompletableFuture<Void>> subscribed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SyntheticParticipant p = inRoom.get(i);
            List<Long> others = new ArrayList<>(feeds);
            others.remove(i);
            subscribed.add(CompletableFuture.runAsync(() -> subscribe(context, janus, roomId, others, p),
                    context.setup()));
        }
        CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new))
                .get(CONNECT_WAIT.toSeconds(), TimeUnit.SECONDS);
        return inRoom;
    }

    private static void publish(LoadContext context, JanusClient janus, long handle, SyntheticParticipant p) {
        try {
            ObjectNode publish = JanusClient.body("publish");
            publish.put("audio", true).put("video", true);
            JsonNode reply = janus.message(handle, publish, JanusClient.jsep("offer", p.publishOffer("active")));
            SdpText.Remote remote = SdpText.remote(reply.at("/jsep/sdp").asString());
            context.handshake(() -> p.publishTransport().connect(remote.candidate(), remote.ufrag(),
                    remote.password(), remote.fingerprint(), CONNECT_WAIT));
            p.startPublishing();
        } catch (IOException e) {
            throw new IllegalStateException("janus publish failed: " + e.getMessage(), e);
        }
    }

    private static void subscribe(LoadContext context, JanusClient janus, long roomId, List<Long> feeds,
            SyntheticParticipant p) {
        try {
            long handle = janus.attachVideoRoom();
            ObjectNode join = JanusClient.body("join");
            join.put("ptype", "subscriber").put("room", roomId).put("private_id", p.number());
            var streams = join.putArray("streams");
            for (long feed : feeds) {
                streams.addObject().put("feed", feed);
            }
            JsonNode attached = janus.message(handle, join, null);
            String offer = attached.at("/jsep/sdp").asString();
            ClientTransport transport = p.newReceivingTransport();
            janus.message(handle, JanusClient.body("start"), JanusClient.jsep("answer", SdpText.answer(offer,
                    transport)));
            SdpText.Remote remote = SdpText.remote(offer);
            context.handshake(() -> transport.connect(remote.candidate(), remote.ufrag(), remote.password(),
                    remote.fingerprint(), CONNECT_WAIT, IceRole.CONTROLLED));
        } catch (IOException e) {
            throw new IllegalStateException("janus subscribe failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void closeRooms() {
        for (SyntheticParticipant p : participants) {
            p.close();
        }
        for (JanusClient session : sessions) {
            session.close();
        }
        participants.clear();
        sessions.clear();
    }

    @Override
    public void close() {
        closeRooms();
    }
}
