/**
 * Session descriptions for the relay's two WebRTC transports per client.
 *
 * <h2>Publish transport: the client offers, the relay answers</h2>
 * <pre>
 *   PublishOffer offer = PublishOffer.parse(clientSdp, RelayCapabilities.standard());
 *   String answer = PublishAnswer.write(offer, relayTransport, origin);   // origin.next() on renegotiation
 *   offer.clientIce(), offer.clientFingerprint()                           // for ICE and DTLS
 *   offer.acceptedMedia(): mid, kind, codecs (pt, rtx pt), header extension ids, sender SSRCs
 * </pre>
 *
 * <h2>Subscribe transport: the relay offers, the client answers</h2>
 * <pre>
 *   SubscribeOfferer offerer = new SubscribeOfferer(relayTransport, caps, credentialSource, origin);
 *   SubscribeOffer offer = offerer.createOffer(currentConsumers, iceRestart);
 *   SubscribeAnswer answer = offerer.acceptAnswer(clientSdp);                // accepted mids, client DTLS/ICE
 * </pre>
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>The relay is ICE-lite with one host candidate (its shared UDP port) and always the DTLS server:
 *       {@code setup:passive} in answers, {@code setup:actpass} in offers, and a peer that insists on
 *       being the server is refused.</li>
 *   <li>Everything is bundled on one transport. A publish offer without BUNDLE gets only its first usable
 *       section accepted.</li>
 *   <li>A closed subscribe consumer's section stays at port 0, inactive, outside the BUNDLE group, so live
 *       mids never move. Closed sections are recycled (JSEP §5.2.2) only when an offer would otherwise
 *       exceed 64 m-sections, the limit the parser enforces; a mid is never used twice.</li>
 *   <li>Rids and {@code a=simulcast} are parsed and reported, not negotiated: the answer does not echo
 *       them, so a rid-simulcast publisher falls back to one stream. SSRC simulcast (SIM groups) is
 *       reported layer by layer.</li>
 *   <li>Values copied from a peer into the relay's own descriptions (mids, formats, fmtp) are checked to be
 *       tokens or single-line text, and exception messages never quote SDP values.</li>
 * </ul>
 */
package dev.hearth.relay.sdp;
