package dev.hearth.bench.hearth;

import dev.hearth.bench.LoadContext;
import dev.hearth.bench.SyntheticParticipant;
import dev.hearth.bench.net.ClientTransport;
import dev.hearth.bench.net.SdpText;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * A synthetic participant in a Hearth room, doing what the web client does (docs/protocol.md "Media
 * negotiation"): {@code publish} with its offer and connect the publish transport to the answer's candidate;
 * answer every {@code subscribe-offer} in order, connecting one subscribe transport on the first; {@code ping}
 * every 20 s.
 */
final class HearthPeer implements AutoCloseable {

    static final Duration CONNECT_WAIT = Duration.ofSeconds(30);

    private final LoadContext context;
    private final SyntheticParticipant media;
    private final SignalingClient socket;
    /** Offers are answered one at a time, in order, off the socket's listener thread. */
    private final ExecutorService negotiation;
    private final CompletableFuture<JsonNode> admitted = new CompletableFuture<>();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final ScheduledFuture<?> pings;
    private ClientTransport subscribe;

    HearthPeer(LoadContext context, HttpClient http, URI base, String cookie) throws IOException {
        this.context = context;
        this.media = new SyntheticParticipant(context);
        this.negotiation = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-negotiation-" + media.number());
            t.setDaemon(true);
            return t;
        });
        this.socket = SignalingClient.open(http, base, cookie, this::onEvent);
        this.pings = context.timers().scheduleAtFixedRate(() -> socket.request("ping", m -> { }), 20, 20,
                TimeUnit.SECONDS);
    }

    SyntheticParticipant media() {
        return media;
    }

    SignalingClient socket() {
        return socket;
    }

    CompletableFuture<JsonNode> admitted() {
        return admitted;
    }

    /** Completes once the subscribe transport has its SRTP keys. */
    CompletableFuture<Void> subscribed() {
        return subscribed;
    }

    private void onEvent(JsonNode message) {
        switch (message.path("type").asString()) {
            case "admitted" -> admitted.complete(message);
            case "subscribe-offer" -> {
                String sdp = message.path("sdp").asString();
                negotiation.execute(() -> answer(sdp));
            }
            default -> { } // lobby, presence, participant events: nothing the load depends on
        }
    }

    /** Sends the publish offer, connects the publish transport and starts sending media. */
    void publish() throws IOException {
        JsonNode answer = socket.request("publish", m -> m.put("sdp", media.publishOffer("actpass")));
        SdpText.Remote relay = SdpText.remote(answer.path("sdp").asString());
        context.handshake(() -> media.publishTransport().connect(relay.candidate(), relay.ufrag(), relay.password(),
                relay.fingerprint(), CONNECT_WAIT));
        media.startPublishing();
    }

    private void answer(String offer) {
        try {
            boolean first = subscribe == null;
            if (first) {
                subscribe = media.newReceivingTransport();
            }
            String answer = SdpText.answer(offer, subscribe);
            socket.request("subscribe-answer", m -> m.put("sdp", answer));
            if (first) {
                SdpText.Remote relay = SdpText.remote(offer);
                context.handshake(() -> subscribe.connect(relay.candidate(), relay.ufrag(), relay.password(),
                        relay.fingerprint(), CONNECT_WAIT));
                subscribed.complete(null);
            }
        } catch (Exception e) {
            subscribed.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        pings.cancel(false);
        negotiation.shutdownNow();
        socket.close();
        media.close();
    }
}
