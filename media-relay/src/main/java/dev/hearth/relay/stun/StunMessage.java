package dev.hearth.relay.stun;

import dev.hearth.relay.wire.Wire;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable, read-only view of one STUN message (RFC 8489) lying in a caller's byte array. {@link #wrap} validates the
 * framing once and indexes the attributes the relay uses; accessors then read straight from the array. Keep one
 * instance per event loop: it is not thread-safe and owns a Mac and a CRC.
 *
 * <p>Attributes after MESSAGE-INTEGRITY other than FINGERPRINT are ignored (RFC 8489 section 14.5); an attribute after
 * FINGERPRINT makes the message malformed. Unknown comprehension-required attributes do not fail the parse: the caller
 * decides whether to answer 420 (requests) or drop (everything else).
 */
public final class StunMessage {
    private static final int MAX_REMEMBERED_UNKNOWN = 16;

    private final StunIntegrity integrity = new StunIntegrity();
    private final byte[] macScratch = new byte[StunIntegrity.HMAC_LENGTH];
    private final int[] unknownRequired = new int[MAX_REMEMBERED_UNKNOWN];

    private byte[] array;
    private int offset;
    private int length;
    private int unknownRequiredCount;
    // Absolute offsets of attribute values (first occurrence), -1 when absent.
    private int username;
    private int usernameLength;
    private int priority;
    private int useCandidate;
    private int iceControlling;
    private int iceControlled;
    private int errorCode;
    private int errorCodeLength;
    private int software;
    private int softwareLength;
    private int xorMappedAddress;
    private int xorMappedAddressLength;
    private int unknownAttributes;
    private int unknownAttributesLength;
    // Offsets of attribute headers, because both checksums cover the message up to the header.
    private int messageIntegrityHeader;
    private int fingerprintHeader;

    /** Points this view at {@code a[off, off + len)}; false (and an empty view) when the bytes are not one STUN message. */
    public boolean wrap(byte[] a, int off, int len) {
        reset();
        if (!StunMessages.isStun(a, off, len) || (a[off] & 0xC0) != 0) {
            return false;
        }
        int bodyLength = Wire.u16(a, off + 2);
        if ((bodyLength & 3) != 0 || bodyLength + StunMessages.HEADER_LENGTH != len) {
            return false;
        }
        if (!indexAttributes(a, off + StunMessages.HEADER_LENGTH, off + len)) {
            reset();
            return false;
        }
        array = a;
        offset = off;
        length = len;
        return true;
    }

    private boolean indexAttributes(byte[] a, int pos, int end) {
        while (pos < end) {
            if (end - pos < 4 || fingerprintHeader >= 0) {
                return false;
            }
            int type = Wire.u16(a, pos);
            int len = Wire.u16(a, pos + 2);
            int padded = (len + 3) & ~3;
            if (padded > end - pos - 4) {
                return false;
            }
            int value = pos + 4;
            if (type == StunAttributes.FINGERPRINT) {
                if (len != 4) {
                    return false;
                }
                fingerprintHeader = pos;
            } else if (messageIntegrityHeader < 0 && !indexAttribute(type, value, len)) {
                return false;
            }
            pos = value + padded;
        }
        return true;
    }

    private boolean indexAttribute(int type, int value, int len) {
        switch (type) {
            case StunAttributes.MESSAGE_INTEGRITY -> {
                if (len != StunIntegrity.HMAC_LENGTH) {
                    return false;
                }
                messageIntegrityHeader = value - 4;
            }
            case StunAttributes.USERNAME -> {
                if (len > StunAttributes.MAX_USERNAME_LENGTH) {
                    return false;
                }
                if (username < 0) {
                    username = value;
                    usernameLength = len;
                }
            }
            case StunAttributes.PRIORITY -> {
                if (len != 4) {
                    return false;
                }
                priority = first(priority, value);
            }
            case StunAttributes.USE_CANDIDATE -> {
                if (len != 0) {
                    return false;
                }
                useCandidate = first(useCandidate, value);
            }
            case StunAttributes.ICE_CONTROLLING -> {
                if (len != 8) {
                    return false;
                }
                iceControlling = first(iceControlling, value);
            }
            case StunAttributes.ICE_CONTROLLED -> {
                if (len != 8) {
                    return false;
                }
                iceControlled = first(iceControlled, value);
            }
            case StunAttributes.ERROR_CODE -> {
                if (len < 4 || len > 4 + StunAttributes.MAX_TEXT_LENGTH) {
                    return false;
                }
                if (errorCode < 0) {
                    errorCode = value;
                    errorCodeLength = len;
                }
            }
            case StunAttributes.SOFTWARE -> {
                if (len > StunAttributes.MAX_TEXT_LENGTH) {
                    return false;
                }
                if (software < 0) {
                    software = value;
                    softwareLength = len;
                }
            }
            case StunAttributes.XOR_MAPPED_ADDRESS -> {
                if (len != 8 && len != 20) {
                    return false;
                }
                if (xorMappedAddress < 0) {
                    xorMappedAddress = value;
                    xorMappedAddressLength = len;
                }
            }
            case StunAttributes.UNKNOWN_ATTRIBUTES -> {
                if ((len & 1) != 0) {
                    return false;
                }
                if (unknownAttributes < 0) {
                    unknownAttributes = value;
                    unknownAttributesLength = len;
                }
            }
            default -> {
                if (StunAttributes.isComprehensionRequired(type) && !StunAttributes.isKnown(type)) {
                    if (unknownRequiredCount < MAX_REMEMBERED_UNKNOWN) {
                        unknownRequired[unknownRequiredCount] = type;
                    }
                    unknownRequiredCount++;
                }
            }
        }
        return true;
    }

    private static int first(int current, int candidate) {
        return current < 0 ? candidate : current;
    }

    private void reset() {
        array = null;
        offset = 0;
        length = 0;
        unknownRequiredCount = 0;
        username = -1;
        usernameLength = 0;
        priority = -1;
        useCandidate = -1;
        iceControlling = -1;
        iceControlled = -1;
        errorCode = -1;
        errorCodeLength = 0;
        software = -1;
        softwareLength = 0;
        xorMappedAddress = -1;
        xorMappedAddressLength = 0;
        unknownAttributes = -1;
        unknownAttributesLength = 0;
        messageIntegrityHeader = -1;
        fingerprintHeader = -1;
    }

    public boolean isValid() {
        return array != null;
    }

    public byte[] array() {
        return array;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public int messageType() {
        return Wire.u16(array, offset);
    }

    public boolean isBindingRequest() {
        return messageType() == StunMessages.BINDING_REQUEST;
    }

    public boolean isBindingIndication() {
        return messageType() == StunMessages.BINDING_INDICATION;
    }

    public boolean isBindingSuccessResponse() {
        return messageType() == StunMessages.BINDING_SUCCESS_RESPONSE;
    }

    public boolean isBindingErrorResponse() {
        return messageType() == StunMessages.BINDING_ERROR_RESPONSE;
    }

    /** Absolute offset of the 12-byte transaction id in {@link #array()}. */
    public int transactionIdOffset() {
        return offset + 8;
    }

    public void copyTransactionId(byte[] dst, int dstOff) {
        System.arraycopy(array, transactionIdOffset(), dst, dstOff, StunMessages.TRANSACTION_ID_LENGTH);
    }

    public byte[] transactionId() {
        byte[] id = new byte[StunMessages.TRANSACTION_ID_LENGTH];
        copyTransactionId(id, 0);
        return id;
    }

    public boolean transactionIdEquals(byte[] other, int otherOff) {
        return Wire.inBounds(other, otherOff, StunMessages.TRANSACTION_ID_LENGTH)
                && Arrays.equals(array, transactionIdOffset(),
                        transactionIdOffset() + StunMessages.TRANSACTION_ID_LENGTH,
                        other, otherOff, otherOff + StunMessages.TRANSACTION_ID_LENGTH);
    }

    public boolean hasUsername() {
        return username >= 0;
    }

    /** Absolute offset of the USERNAME value, -1 when absent; lets ICE match the ufrag without decoding a String. */
    public int usernameOffset() {
        return username;
    }

    public int usernameLength() {
        return usernameLength;
    }

    public String username() {
        return username < 0 ? null : new String(array, username, usernameLength, StandardCharsets.UTF_8);
    }

    /** PRIORITY as an unsigned 32-bit value, or -1 when absent. */
    public long priority() {
        return priority < 0 ? -1 : Wire.u32(array, priority);
    }

    public boolean hasUseCandidate() {
        return useCandidate >= 0;
    }

    public boolean hasIceControlling() {
        return iceControlling >= 0;
    }

    public boolean hasIceControlled() {
        return iceControlled >= 0;
    }

    /** The tie-breaker of ICE-CONTROLLING; meaningful only when {@link #hasIceControlling()}. */
    public long iceControllingTieBreaker() {
        return iceControlling < 0 ? 0 : Wire.u64(array, iceControlling);
    }

    /** The tie-breaker of ICE-CONTROLLED; meaningful only when {@link #hasIceControlled()}. */
    public long iceControlledTieBreaker() {
        return iceControlled < 0 ? 0 : Wire.u64(array, iceControlled);
    }

    /** ERROR-CODE as class * 100 + number (e.g. 401), or -1 when absent. */
    public int errorCode() {
        return errorCode < 0 ? -1 : (array[errorCode + 2] & 0x07) * 100 + (array[errorCode + 3] & 0xFF);
    }

    public String errorReason() {
        return errorCode < 0 ? null : new String(array, errorCode + 4, errorCodeLength - 4, StandardCharsets.UTF_8);
    }

    public String software() {
        return software < 0 ? null : new String(array, software, softwareLength, StandardCharsets.UTF_8);
    }

    /** The attribute types listed in UNKNOWN-ATTRIBUTES of a 420 response; empty when absent. */
    public int[] unknownAttributesListed() {
        if (unknownAttributes < 0) {
            return new int[0];
        }
        int[] types = new int[unknownAttributesLength / 2];
        for (int i = 0; i < types.length; i++) {
            types[i] = Wire.u16(array, unknownAttributes + 2 * i);
        }
        return types;
    }

    /** True when the message carries a comprehension-required attribute this agent does not know (RFC 8489 7.3). */
    public boolean hasUnknownComprehensionRequired() {
        return unknownRequiredCount > 0;
    }

    /** The unknown comprehension-required types, for a 420 reply (at most the first 16 are remembered). */
    public int[] unknownComprehensionRequired() {
        int n = Math.min(unknownRequiredCount, MAX_REMEMBERED_UNKNOWN);
        return Arrays.copyOf(unknownRequired, n);
    }

    /** XOR-MAPPED-ADDRESS decoded, or null when absent or of an unknown family. */
    public InetSocketAddress xorMappedAddress() {
        if (xorMappedAddress < 0) {
            return null;
        }
        int family = array[xorMappedAddress + 1];
        int addressLength = family == 0x01 ? 4 : family == 0x02 ? 16 : -1;
        if (addressLength < 0 || xorMappedAddressLength != 4 + addressLength) {
            return null;
        }
        int port = Wire.u16(array, xorMappedAddress + 2) ^ (StunMessages.MAGIC_COOKIE >>> 16);
        byte[] address = new byte[addressLength];
        for (int i = 0; i < addressLength; i++) {
            // Cookie then transaction id: exactly the 16 bytes starting at header offset 4.
            address[i] = (byte) (array[xorMappedAddress + 4 + i] ^ array[offset + 4 + i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean hasMessageIntegrity() {
        return messageIntegrityHeader >= 0;
    }

    /**
     * Checks MESSAGE-INTEGRITY with a short-term credential (for ICE: the password's UTF-8 bytes). Constant-time
     * compare; false when the attribute is absent, the key is empty, or the MAC differs.
     */
    public boolean verifyMessageIntegrity(byte[] key) {
        if (messageIntegrityHeader < 0
                || !integrity.hmac(key, array, offset, messageIntegrityHeader, macScratch, 0)) {
            return false;
        }
        // Constant-time: every byte is compared whatever the first difference, and nothing is allocated.
        int received = messageIntegrityHeader + 4;
        int difference = 0;
        for (int i = 0; i < StunIntegrity.HMAC_LENGTH; i++) {
            difference |= macScratch[i] ^ array[received + i];
        }
        return difference == 0;
    }

    public boolean hasFingerprint() {
        return fingerprintHeader >= 0;
    }

    /** Checks FINGERPRINT; false when absent or wrong. */
    public boolean verifyFingerprint() {
        return fingerprintHeader >= 0
                && integrity.fingerprint(array, offset, fingerprintHeader) == Wire.u32(array, fingerprintHeader + 4);
    }
}
