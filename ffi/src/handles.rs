//! Opaque handles: how each is created, borrowed and freed.

use std::ffi::{CString, c_char};

use hedui_core::Engine;

use crate::boundary::FfiError;

/// An engine: immutable after creation, safe to share between threads.
#[derive(Debug)]
pub struct hedui_engine {
    engine: Engine,
}

impl hedui_engine {
    pub(crate) fn boxed(engine: Engine) -> *mut Self {
        Box::into_raw(Box::new(Self { engine }))
    }

    /// # Safety
    /// `p` is NULL or a live pointer from [`hedui_engine::boxed`].
    pub(crate) unsafe fn borrow<'a>(p: *const Self) -> Result<&'a Engine, FfiError> {
        // SAFETY: per the contract above.
        match unsafe { p.as_ref() } {
            Some(h) => Ok(&h.engine),
            None => Err(FfiError::null("engine")),
        }
    }

    /// # Safety
    /// `p` is NULL or a live pointer from [`hedui_engine::boxed`], not used afterwards.
    pub(crate) unsafe fn free(p: *mut Self) {
        if !p.is_null() {
            // SAFETY: per the contract above.
            drop(unsafe { Box::from_raw(p) });
        }
    }
}

/// An owned UTF-8 string with a trailing NUL.
#[derive(Debug)]
pub struct hedui_string {
    bytes: Box<[u8]>,
}

impl hedui_string {
    pub(crate) fn boxed(s: String) -> *mut Self {
        let mut v = s.into_bytes();
        v.push(0);
        Box::into_raw(Box::new(Self {
            bytes: v.into_boxed_slice(),
        }))
    }

    /// # Safety
    /// `p` is NULL or live.
    pub(crate) unsafe fn ptr(p: *const Self) -> *const c_char {
        // SAFETY: per the contract above.
        unsafe { p.as_ref() }.map_or(std::ptr::null(), |s| s.bytes.as_ptr().cast())
    }

    /// # Safety
    /// `p` is NULL or live.
    pub(crate) unsafe fn len(p: *const Self) -> usize {
        // SAFETY: per the contract above.
        unsafe { p.as_ref() }.map_or(0, |s| s.bytes.len().saturating_sub(1))
    }

    /// # Safety
    /// `p` is NULL or live, not used afterwards.
    pub(crate) unsafe fn free(p: *mut Self) {
        if !p.is_null() {
            // SAFETY: per the contract above.
            drop(unsafe { Box::from_raw(p) });
        }
    }
}

/// An owned error: code, message, field path and the JSON of every problem.
#[derive(Debug)]
pub struct hedui_error {
    pub(crate) code: u32,
    pub(crate) message: CString,
    pub(crate) path: Option<CString>,
    pub(crate) json: CString,
}

fn cstring(s: &str) -> CString {
    // Interior NULs cannot come from our messages, but input echoed in one might carry one.
    CString::new(s.replace('\0', "\u{fffd}")).unwrap_or_default()
}

impl hedui_error {
    pub(crate) fn boxed(code: u32, message: &str, path: Option<&str>, json: &str) -> *mut Self {
        Box::into_raw(Box::new(Self {
            code,
            message: cstring(message),
            path: path.map(cstring),
            json: cstring(json),
        }))
    }

    /// # Safety
    /// `p` is NULL or live.
    pub(crate) unsafe fn as_ref<'a>(p: *const Self) -> Option<&'a Self> {
        // SAFETY: per the contract above.
        unsafe { p.as_ref() }
    }

    /// # Safety
    /// `p` is NULL or live, not used afterwards.
    pub(crate) unsafe fn free(p: *mut Self) {
        if !p.is_null() {
            // SAFETY: per the contract above.
            drop(unsafe { Box::from_raw(p) });
        }
    }
}
