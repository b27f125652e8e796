#ifndef SPROUT_STOP_SIGNAL_H
#define SPROUT_STOP_SIGNAL_H

/// SIGINT and SIGTERM as a request to stop after the current training step (see SproutRuns/StopRequest.swift).
/// The handler only stores the signal number in a `volatile sig_atomic_t`, the one thing a handler may safely do;
/// the training loop polls it between steps. A second SIGINT restores the default action and re-raises it, so a
/// user who presses Ctrl-C twice is never stuck.
void sprout_install_stop_handlers(void);
/// 0 while no stop was asked for; otherwise the signal number (SIGINT 2, SIGTERM 15).
void sprout_install_stop_handler(int signal_number);
int sprout_stop_signal(void);
/// Asks the kernel to send `signal_number` to this process when its parent dies (Linux PR_SET_PDEATHSIG), so that a
/// batch's worker whose batch was killed stops as if asked to (Swift cannot call the variadic prctl). Returns 0 on
/// success, -1 otherwise.
int sprout_stop_when_parent_dies(int signal_number);
/// Remembers a child process to SIGKILL when a second SIGINT kills this one (a batch's worker), and forgets it.
void sprout_stop_kill_child_on_second_interrupt(int pid);
void sprout_stop_forget_child(int pid);
/// Ctrl-Z (SIGTSTP) stops the remembered children too, and continuing this process continues them: a batch pauses
/// as a whole.
void sprout_forward_terminal_stops(void);

#endif
