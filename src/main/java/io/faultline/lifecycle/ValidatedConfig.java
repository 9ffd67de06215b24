package io.faultline.lifecycle;

/**
 * A feature's configuration bean. {@link #validate()} throws an exception whose message names
 * the offending property; it is run when the bean is created and again at startup.
 */
public interface ValidatedConfig {

    void validate();
}
