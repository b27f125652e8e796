#include "stop_signal.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

static volatile sig_atomic_t requested = 0;

// The batch's running workers, killed along with it by a second Ctrl-C (they sit in process groups of their own, so
// the terminal's signal does not reach them). A slot holds a pid or 0; written by the one scheduler thread, read by
// the handler (sig_atomic_t is an int on Linux, wide enough for a pid).
#define SPROUT_MAX_CHILDREN 1024
static volatile sig_atomic_t children[SPROUT_MAX_CHILDREN];

static void on_stop(int signal_number) {
    if (requested == SIGINT && signal_number == SIGINT) {
        // Second Ctrl-C: give up waiting for the step to end, the workers' steps included.
        for (int i = 0; i < SPROUT_MAX_CHILDREN; i++) {
            if (children[i] > 0) kill((pid_t)children[i], SIGKILL);
        }
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
        return;
    }
    // The first request names the stop: a Slurm task warned of its time limit (SIGUSR1) and then sent SIGTERM was
    // stopped by the time limit.
    if (requested == 0 || signal_number == SIGINT) requested = signal_number;
}

void sprout_install_stop_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;  // a write interrupted by the signal resumes instead of failing with EINTR
    sigaction(SIGINT, &action, 0);
    sigaction(SIGTERM, &action, 0);
    // A parent may have started us with these signals blocked (Foundation's Process does): unblock them, or a
    // SIGTERM would wait forever.
    sigset_t stops;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &stops, 0);
}

// A Slurm task's warning of its time limit (SIGUSR1, `--signal=B:USR1@S`): a stop request like SIGTERM, told apart
// by its number so the run records the time limit as its reason.
void sprout_install_stop_handler(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(signal_number, &action, 0);
    sigset_t stops;
    sigemptyset(&stops);
    sigaddset(&stops, signal_number);
    pthread_sigmask(SIG_UNBLOCK, &stops, 0);
}

int sprout_stop_signal(void) { return requested; }

int sprout_stop_when_parent_dies(int signal_number) { return prctl(PR_SET_PDEATHSIG, signal_number, 0, 0, 0); }

void sprout_stop_kill_child_on_second_interrupt(int pid) {
    for (int i = 0; i < SPROUT_MAX_CHILDREN; i++) {
        if (children[i] == 0) { children[i] = pid; return; }
    }
}

void sprout_stop_forget_child(int pid) {
    for (int i = 0; i < SPROUT_MAX_CHILDREN; i++) {
        if (children[i] == pid) children[i] = 0;
    }
}

// Ctrl-Z: the terminal stops the batch's process group only; the workers, in groups of their own, would train on.
// So the batch stops each worker (SIGSTOP), then itself, inside this handler (SA_NODEFER and the default action
// restored, so raise() acts at once); when it is continued (fg, bg) or its stop is discarded (the kernel discards
// SIGTSTP in an orphaned process group, where nobody could continue it), raise() returns and the workers are
// continued: they never stay stopped longer than the batch. Only kill(), sigaction() and raise(): async-signal-safe.
static void install_terminal_stop(void);

static void on_terminal_stop(int signal_number) {
    (void)signal_number;
    for (int i = 0; i < SPROUT_MAX_CHILDREN; i++) {
        if (children[i] > 0) kill((pid_t)children[i], SIGSTOP);
    }
    signal(SIGTSTP, SIG_DFL);
    raise(SIGTSTP);
    for (int i = 0; i < SPROUT_MAX_CHILDREN; i++) {
        if (children[i] > 0) kill((pid_t)children[i], SIGCONT);
    }
    install_terminal_stop();
}

static void install_terminal_stop(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART | SA_NODEFER;
    action.sa_handler = on_terminal_stop;
    sigaction(SIGTSTP, &action, 0);
}

void sprout_forward_terminal_stops(void) {
    install_terminal_stop();
    // As for SIGINT and SIGTERM: a parent may have started us with it blocked.
    sigset_t stops;
    sigemptyset(&stops);
    sigaddset(&stops, SIGTSTP);
    sigaddset(&stops, SIGCONT);
    pthread_sigmask(SIG_UNBLOCK, &stops, 0);
}
