package dev.backtrack.core.peek;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A message body made readable: UTF-8 text when it is valid and printable, else hex; cut at a byte limit.
 *
 * @param text the body as text or hex, exactly as stored (nothing escaped)
 * @param encoding how {@code text} is written
 * @param truncated whether the body was longer than the limit and only its first bytes are shown
 */
public record PeekedBody(String text, BodyEncoding encoding, boolean truncated) {

    /** The first {@code maxBytes} bytes of {@code body}, as text when the whole body is printable UTF-8, else hex. */
    public static PeekedBody of(byte[] body, int maxBytes) {
        boolean truncated = body.length > maxBytes;
        String text = printableText(body);
        if (text != null) {
            if (!truncated) {
                return new PeekedBody(text, BodyEncoding.TEXT, false);
            }
            int cut = maxBytes;
            while (cut > 0 && (body[cut] & 0xC0) == 0x80) {
                cut--; // never split a character: back up to the start of the one at the limit
            }
            return new PeekedBody(new String(body, 0, cut, StandardCharsets.UTF_8), BodyEncoding.TEXT, true);
        }
        return new PeekedBody(HexFormat.of().formatHex(body, 0, Math.min(body.length, maxBytes)), BodyEncoding.HEX,
                truncated);
    }

    private static @Nullable String printableText(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return null;
            }
        }
        return text;
    }
}
