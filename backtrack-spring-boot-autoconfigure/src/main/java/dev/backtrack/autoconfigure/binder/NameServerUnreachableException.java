package dev.backtrack.autoconfigure.binder;

/** No configured RocketMQ name server answered at start-up. */
public class NameServerUnreachableException extends RuntimeException {

    private final String address;

    /** Creates the error for the given configured address. */
    public NameServerUnreachableException(String address, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
    }

    /** The configured name-server setting that did not answer. */
    public String address() {
        return address;
    }
}
