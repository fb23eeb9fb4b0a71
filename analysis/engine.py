"""The papermill engine ``make report`` runs notebooks with (``papermill --engine analysis``).

papermill's own engine (nbclient) with one change: the kernel's ZeroMQ channels are
encrypted (CurveZMQ keys provisioned by jupyter_client, ``transport_encryption="auto"``)
when the kernel says it supports it, as ipykernel 7.4's does. ipykernel warns on every
start over plain TCP ("Kernel is running over TCP without encryption"), which put one
warning per notebook into every successful build; encryption is the fix the warning asks
for, not a silenced log. Kernels without Curve support (or a pyzmq built without it)
run as before.

And one fewer interrupt: jupyter_client interrupts the kernel (SIGINT) before asking it
to shut down, so a kernel that had finished its last cell logged "ERROR | KeyboardInterrupt
caught in kernel" at the end of a successful run. When papermill shuts the kernel down
there is no cell left to interrupt; the shutdown request (over the control channel,
answered even by a busy kernel) and then SIGTERM/SIGKILL still stop any kernel.
It also marks the run as a batch run (``ANALYSIS_BATCH=1`` in the kernel's environment),
so that interactive widgets give way to a note (:func:`analysis.sentiment.term_viewer`).
Registered as a papermill entry point in pyproject.toml.
"""
from __future__ import annotations

import os

import zmq
from jupyter_client.manager import AsyncKernelManager
from papermill.engines import NBClientEngine


class EncryptedKernelManager(AsyncKernelManager):
    """nbclient's kernel manager, asking for Curve-encrypted channels where possible."""

    def __init__(self, **kwargs):
        kwargs.setdefault("transport_encryption", "auto" if zmq.has("curve") else "disabled")
        super().__init__(**kwargs)

    async def _async_interrupt_kernel(self) -> None:
        if self.shutting_down:  # set by shutdown_kernel just before it interrupts
            return
        await super()._async_interrupt_kernel()

    interrupt_kernel = _async_interrupt_kernel


class EncryptedEngine(NBClientEngine):
    """papermill's nbclient engine with :class:`EncryptedKernelManager`."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        # the kernel inherits this: a batch run, with no one to use interactive widgets
        os.environ["ANALYSIS_BATCH"] = "1"
        kwargs.setdefault("kernel_manager_class", EncryptedKernelManager)
        return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
