package io.faultline.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SensitiveKeysTest {

    @ParameterizedTest
    @CsvSource({
        "password, true", "api_key, true", "apiKey, true", "X-Auth-Token, true", "Authorization, true",
        "session_id, true", "JSESSIONID, false", "sessionId, true", "client_secret, true", "access_token, true",
        "Cookie, true", "privateKey, true", "author, false", "keyboard, false", "monkey, false",
        "tokenizer, false", "passage, false", "limit, false", "q, false", "authority, false",
        // acronyms end where a capitalised word starts; digits belong to the word before
        "HTTPToken, true", "APIKey, true", "MyPINCode, true", "XMLHttpRequest, false", "key2, false",
        "2fa_token, true", "x.pass.y, true", "'', false", "'--', false", "keyKey, true", "KEYBOARD, false"})
    void keysAreMatchedByWholeTokens(String key, boolean sensitive) {
        assertEquals(sensitive, SensitiveKeys.isSensitive(key), key);
    }
}
