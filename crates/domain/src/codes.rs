//! What every code enum is (`offer::code_enum!`): a closed set of values with stable codes, and
//! lists of them as one column stores them.

/// A value written and read as its stable code.
pub trait Code: Copy + Eq + 'static {
    fn code(self) -> &'static str;
    fn parse(code: &str) -> Option<Self>;
}

/// Codes of one kind in their stored order (a TEXT column holds them separated by commas).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeList<T>(pub Vec<T>);

impl<T> Default for CodeList<T> {
    fn default() -> CodeList<T> {
        CodeList(Vec::new())
    }
}

impl<T: Code> CodeList<T> {
    /// Reads the stored form; the first code the type does not know is the error.
    pub fn from_stored(stored: &str) -> Result<CodeList<T>, String> {
        stored
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|c| T::parse(c).ok_or_else(|| c.to_string()))
            .collect::<Result<Vec<T>, String>>()
            .map(CodeList)
    }

    pub fn to_stored(&self) -> String {
        self.0
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(|c| c.code()).collect()
    }
}

/// Codes as forms and inputs hold them: text.
pub fn code_strings<T: Code>(list: &[T]) -> Vec<String> {
    list.iter().map(|c| c.code().to_string()).collect()
}

impl<T> std::ops::Deref for CodeList<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> From<Vec<T>> for CodeList<T> {
    fn from(v: Vec<T>) -> CodeList<T> {
        CodeList(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::Store;

    #[test]
    fn a_list_reads_back_what_it_wrote_and_refuses_an_unknown_code() {
        let list = CodeList(vec![Store::Appsource, Store::AzureMarketplace]);
        assert_eq!(list.to_stored(), "appsource,azure_marketplace");
        assert_eq!(CodeList::<Store>::from_stored(&list.to_stored()), Ok(list));
        assert_eq!(CodeList::<Store>::from_stored(""), Ok(CodeList(vec![])));
        assert_eq!(
            CodeList::<Store>::from_stored("appsource,play_store"),
            Err("play_store".to_string())
        );
    }
}
