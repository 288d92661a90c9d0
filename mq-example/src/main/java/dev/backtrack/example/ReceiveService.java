package dev.backtrack.example;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Service;

/** Logs every order that reaches the {@code input-backtracking} binding, as the seed does. */
@Service
public class ReceiveService {

    private static final Logger log = LoggerFactory.getLogger(ReceiveService.class);

    /** Handles one received message: its JSON payload, the message and its headers. */
    public void receiveBackTrackingInput(String receiveMsg, Message<?> message, Map<String, Object> headers) {
        log.info("接收到回溯消息:{}", receiveMsg);
    }
}
